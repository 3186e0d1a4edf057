using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Contract;
using JexSim.Engine.Matching;
using JexSim.Persistence;
using JexSim.Server.Fixtures;

namespace JexSim.Server.Venue;

/// <summary>The contract market's part of seeding a fixture and of rebuilding the engine from the store.</summary>
internal static class ContractSeeding
{
    /// <summary>Within the seed command: reference prices, protection funds, the accounts' contract balances, then the resting contract orders.</summary>
    public static void Seed(WriteContext ctx, Fixture fixture, ExchangeVenue venue)
    {
        var core = ctx.Core;
        foreach (var c in fixture.ContractSymbols)
        {
            string where = $"contractSymbols ({c.Symbol})";
            var symbol = Contract(venue, c.Symbol, where);
            Must(core.Apply(EngineCommand.SetIndexPrice(symbol.Id, FixtureLoader.Scaled(c.ReferencePrice, where, "referencePrice")), ctx.Now).Reject, where, "referencePrice");
            long fund = FixtureLoader.Scaled(c.ProtectionFund, where, "protectionFund");
            var asset = venue.FindAsset(c.MarginAsset ?? c.QuoteAsset)!;
            if (fund > 0) Must(core.Apply(EngineCommand.ProtectionFundDeposit(asset.Id, fund), ctx.Now).Reject, where, "protectionFund");
        }
        foreach (var a in fixture.Accounts)
            foreach (var (name, amount) in a.ContractBalances)
            {
                string where = $"accounts[id={a.Id}]";
                long scaled = FixtureLoader.Scaled(amount, where, $"contractBalances.{name}");
                if (scaled > 0) Must(core.Apply(EngineCommand.ContractDeposit(a.Id, venue.FindAsset(name)!.Id, scaled), ctx.Now).Reject, where, $"contractBalances.{name}");
            }
        foreach (var o in fixture.ContractOrders)
        {
            var symbol = Contract(venue, o.Symbol, "contractOrders");
            var side = o.Side.Equals("BUY", StringComparison.OrdinalIgnoreCase) ? Side.Buy : Side.Sell;
            var cmd = new PlaceOrder(o.Account, symbol.Id, side, OrderType.Limit, TimeInForce.Gtc,
                FixtureLoader.Scaled(o.Price, "contractOrders", "price"), FixtureLoader.Scaled(o.Quantity, "contractOrders", "quantity"));
            var result = core.Apply(EngineCommand.Place(cmd), ctx.Now);
            if (!result.Accepted)
                throw new FixtureException($"contractOrders: resting order {o.Side} {o.Quantity} {o.Symbol} @ {o.Price} for account {o.Account} was rejected: {result.Reject}.");
        }
    }

    /// <summary>Recovery, before the open orders: contract balances, positions and reference prices.</summary>
    public static void RestorePositions(ExchangeCore core, ContractRecoveredState state, MarketTables tables, ExchangeVenue venue)
    {
        foreach (var b in state.Balances)
            if (tables.AssetsByName.GetValueOrDefault(b.Asset) is { } asset) core.RestoreContractBalance(b.AccountId, asset.Id, b.Free);
        foreach (var p in state.Positions)
            if (venue.FindSymbol(p.Symbol, MarketType.Contract) is { } symbol)
                core.RestorePosition(p.AccountId, symbol.Id, new Position(p.Quantity, p.Cost, p.Margin, p.Leverage, p.RealisedPnl, p.FeesPaid));
        foreach (var m in state.Marks)
            if (venue.FindSymbol(m.Symbol, MarketType.Contract) is { } symbol) core.RestoreContractPrices(symbol.Id, m.Index, m.Basis, m.Price, m.FundingRate, m.LastFunding);
        foreach (var t in state.Triggers)
            if (venue.FindSymbol(t.Symbol, MarketType.Contract) is { } symbol)
                core.RestoreTrigger(new ContractTrigger(t.Id, t.AccountId, symbol.Id, t.Side, t.Type, t.Price, t.Quantity, t.Time, t.TriggerType, t.TriggerPrice, t.FiresAbove));
        core.RestoreContractSequence(state.NextOrderId);
    }

    /// <summary>Recovery, last: the fee account and protection fund of each margin asset; the ledger's money joins the supply.</summary>
    public static void RestorePools(ExchangeCore core, ContractRecoveredState state, MarketTables tables)
    {
        var pools = new Dictionary<int, (long Fees, long Fund)>();
        foreach (var p in state.Pools)
            if (tables.AssetsByName.GetValueOrDefault(p.Asset) is { } asset) pools[asset.Id] = (p.Fees, p.ProtectionFund);
        core.RestoreContractPools(pools);
    }

    private static SymbolSpec Contract(ExchangeVenue venue, string name, string where) =>
        venue.FindSymbol(name, MarketType.Contract) ?? throw new FixtureException($"{where}: unknown contract '{name}'.");

    private static void Must(RejectReason reject, string where, string field)
    {
        if (reject != RejectReason.None) throw new FixtureException($"{where}: {field} was refused: {reject}.");
    }
}
