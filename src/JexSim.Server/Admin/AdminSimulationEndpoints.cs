using JexSim.Engine;
using JexSim.Server.Api;
using JexSim.Server.Simulation;
using JexSim.Server.Venue;

namespace JexSim.Server.Admin;

/// <summary>Reset, snapshots, the virtual clock and reference prices.</summary>
public static class AdminSimulationEndpoints
{
    public static void MapAdminSimulation(this RouteGroupBuilder admin)
    {
        admin.MapPost("/reset", Reset).WithSummary("Back to the current fixture, or to {\"fixture\":\"path\"}: accounts, books, trades, clock, feeds, agents; faults and journal cleared.");
        admin.MapPost("/snapshots", SaveSnapshot).WithSummary("Save the whole venue as {\"name\":\"x\"}.");
        admin.MapGet("/snapshots", (SimulationControl control) => JexResults.Ok(control.Snapshots.Select(s => new { name = s.Name, time = s.TakenAt, fixture = s.FixturePath })))
            .WithSummary("Saved snapshots.");
        admin.MapPost("/snapshots/{name}/restore", RestoreSnapshot).WithSummary("Put the whole venue back as the snapshot saw it.");
        admin.MapDelete("/snapshots/{name}", (string name, SimulationControl control) =>
            control.DeleteSnapshot(name) ? JexResults.Empty() : AdminEndpoints.NotFound("name", $"No snapshot named '{name}'.")).WithSummary("Forget a snapshot.");
        admin.MapGet("/clock", (VenueClock clock) => JexResults.Ok(Clock(clock))).WithSummary("{\"time\":ms,\"mode\":\"real|virtual\",\"speed\":N}.");
        admin.MapPost("/clock", SetClock).WithSummary("{\"time\":ms} runs everything due up to that time; {\"speed\":N} runs virtual time at N x real speed (0 stops it); {\"mode\":\"real\"} goes back to real time.");
        admin.MapPost("/clock/advance", Advance).WithSummary("{\"ms\":N}: advance virtual time, running every feed tick, agent action and expiry due on the way, in order.");
        admin.MapPut("/prices/{symbol}", SetPrice).WithSummary("Set a symbol's reference (index) price: {\"price\":\"30000\"}. Feeds continue from it. With \"market\":\"contract\": a contract's reference price (mark = index).");
        admin.MapGet("/prices", Prices).WithSummary("Every reference (index) price.");
    }

    /// <summary>Virtual time stays within [2000-01-01, 2100-01-01): far enough for any backtest, never near the fixed-point or DateTimeOffset range.</summary>
    public const long EarliestTime = 946_684_800_000, LatestTime = 4_102_444_800_000;

    /// <summary>The most simulated time one clock call may run (feeds tick and agents act on the way: this bounds the call's work).</summary>
    public const long MaxRunMs = 86_400_000;

    private static object Clock(VenueClock clock) => new { time = clock.NowMs, mode = clock.Mode, speed = clock.Speed };

    private static async Task<IResult> Reset(HttpRequest http, SimulationControl control, ExchangeVenue venue)
    {
        var body = await AdminEndpoints.ReadBody(http, "fixture");
        var elapsed = await control.ResetAsync(AdminEndpoints.String(body, "fixture"));
        return JexResults.Ok(new { fixture = venue.FixturePath, name = venue.Fixture.Name, elapsedMs = Math.Round(elapsed.TotalMilliseconds, 1) });
    }

    private static async Task<IResult> SaveSnapshot(HttpRequest http, SimulationControl control)
    {
        var body = await AdminEndpoints.ReadBody(http, "name");
        string name = AdminEndpoints.String(body, "name") ?? throw new AdminInputException("name", "is required.");
        if (name.Length is 0 or > 100 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new AdminInputException("name", "must be 1-100 characters of letters, digits, '-', '_' or '.'.");
        var s = await control.SaveSnapshotAsync(name);
        return JexResults.Ok(new { name = s.Name, time = s.TakenAt, fixture = s.FixturePath });
    }

    private static async Task<IResult> RestoreSnapshot(string name, SimulationControl control, VenueClock clock) =>
        await control.RestoreSnapshotAsync(name)
            ? JexResults.Ok(new { name, clock = Clock(clock) })
            : AdminEndpoints.NotFound("name", $"No snapshot named '{name}'.");

    private static async Task<IResult> SetClock(HttpRequest http, VenueClock clock, SimulationScheduler scheduler)
    {
        var body = await AdminEndpoints.ReadBody(http, "time", "speed", "mode");
        long? time = AdminEndpoints.Long(body, "time");
        double? speed = AdminEndpoints.Double(body, "speed");
        string? mode = AdminEndpoints.String(body, "mode");
        if (time is null && speed is null && mode is null) throw new AdminInputException("time", "send {\"time\":ms}, {\"speed\":N} or {\"mode\":\"real\"|\"virtual\"}.");
        if (mode is not null and not ("real" or "virtual")) throw new AdminInputException("mode", "must be real or virtual.");
        if (speed is < 0 or > 1_000_000 || speed is double.NaN) throw new AdminInputException("speed", "must be between 0 and 1000000.");
        if (time is not null)
        {
            if (time is < EarliestTime or >= LatestTime)
                throw new AdminInputException("time", $"must be Unix milliseconds from {EarliestTime} (2000-01-01) to before {LatestTime} (2100-01-01), not {time}.");
            if (time - clock.NowMs > MaxRunMs)
                throw new AdminInputException("time", $"one call runs at most {MaxRunMs} ms (one day) of simulated time: at most {clock.NowMs + MaxRunMs} now (it is {clock.NowMs}); call again to go further.");
            if (!clock.IsVirtual) clock.SetVirtual(clock.NowMs);
            if (time < clock.NowMs) throw new AdminInputException("time", $"virtual time only moves forward (now {clock.NowMs}); use POST /admin/v1/reset or a snapshot to go back.");
            await scheduler.AdvanceToAsync(time.Value);
        }
        if (mode == "real") clock.UseRealTime();
        else if (mode == "virtual" && !clock.IsVirtual) clock.SetVirtual(clock.NowMs);
        if (speed is not null) clock.SetSpeed(speed.Value);
        return JexResults.Ok(Clock(clock));
    }

    private static async Task<IResult> Advance(HttpRequest http, VenueClock clock, SimulationScheduler scheduler)
    {
        var body = await AdminEndpoints.ReadBody(http, "ms");
        long ms = AdminEndpoints.Long(body, "ms") ?? throw new AdminInputException("ms", "is required: how many milliseconds to advance.");
        if (ms is < 0 or > MaxRunMs) throw new AdminInputException("ms", $"must be between 0 and {MaxRunMs} (one day of simulated time per call; call again to go further).");
        if (clock.NowMs + ms >= LatestTime) throw new AdminInputException("ms", $"would take the clock past {LatestTime} (2100-01-01).");
        if (!clock.IsVirtual) clock.SetVirtual(clock.NowMs);
        await scheduler.AdvanceAsync(ms);
        return JexResults.Ok(Clock(clock));
    }

    private static async Task<IResult> SetPrice(string symbol, HttpRequest http, ExchangeVenue venue, IndexPrices prices, VenueClock clock)
    {
        var body = await AdminEndpoints.ReadBody(http, "price", "market");
        if (AdminEndpoints.String(body, "market") is { } market && market != "spot")
        {
            if (market != "contract") throw new AdminInputException("market", "must be spot (the default) or contract.");
            return await SetContractPrice(symbol, body, venue);
        }
        var spec = venue.FindSymbol(symbol, MarketType.Spot)
            ?? throw new AdminInputException("symbol", $"Unknown symbol '{symbol}'.");
        long price = AdminEndpoints.Decimal(body, "price") ?? throw new AdminInputException("price", "is required, e.g. \"30000\".");
        if (price <= 0) throw new AdminInputException("price", "must be greater than 0.");
        if (price < spec.MinPrice || price > spec.MaxPrice)
            throw new AdminInputException("price", $"must be within {spec.Name}'s price filter [{FixedPoint.Format(spec.MinPrice)}, {FixedPoint.Format(spec.MaxPrice)}].");
        prices.Set(spec.Id, price, clock.NowMs);
        return JexResults.Ok(new { symbol = spec.Name, price = FixedPoint.Format(price), time = clock.NowMs });
    }

    /// <summary>A contract's index price, set through the writer: the mark follows (index + smoothed basis) and every
    /// position the new mark reaches is liquidated in the same command.</summary>
    private static async Task<IResult> SetContractPrice(string symbol, System.Text.Json.JsonElement body, ExchangeVenue venue)
    {
        var spec = venue.FindSymbol(symbol, Engine.MarketType.Contract) ?? throw new AdminInputException("symbol", $"Unknown contract '{symbol}'.");
        long price = AdminEndpoints.Decimal(body, "price") ?? throw new AdminInputException("price", "is required, e.g. \"30000\".");
        if (price < spec.MinPrice || price > spec.MaxPrice)
            throw new AdminInputException("price", $"must be within {spec.Name}'s price filter [{FixedPoint.Format(spec.MinPrice)}, {FixedPoint.Format(spec.MaxPrice)}].");
        var result = await venue.Sequencer.Submit(Engine.Commands.EngineCommand.SetIndexPrice(spec.Id, price));
        if (!result.Accepted) throw new AdminInputException("price", $"was refused: {result.Reject}.");
        var after = venue.StoreReader.ContractMarks().First(m => m.Symbol == spec.Name);
        return JexResults.Ok(new
        {
            symbol = spec.Name, market = "contract", price = FixedPoint.Format(price), indexPrice = FixedPoint.Format(after.Index),
            markPrice = FixedPoint.Format(after.Price), time = venue.Now,
        });
    }

    private static IResult Prices(ExchangeVenue venue, IndexPrices prices) =>
        JexResults.Ok(venue.Tables.Symbols.Select(s => (s, p: prices.Get(s))).Where(x => x.p is not null)
            .Select(x => new { symbol = x.s.Name, price = FixedPoint.Format(x.p!.Price), time = x.p.Time }));
}
