using System.Text.Json;
using System.Text.Json.Serialization;
using JexSim.Engine;
using JexSim.Engine.Accounts;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Option;
using JexSim.Engine.Markets.Contract;

namespace JexSim.Server.Fixtures;

/// <summary>Reads a fixture file and turns it into the engine's asset and symbol tables.</summary>
public static class FixtureLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>Largest fixture file read; a replay CSV may be up to <see cref="MaxReplayBytes"/>.</summary>
    public const long MaxFixtureBytes = 4 * 1024 * 1024, MaxReplayBytes = 256L * 1024 * 1024;

    public static Fixture Load(string path)
    {
        string text;
        try
        {
            CheckRegularFile(path, MaxFixtureBytes, "fixture");
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FixtureException($"Cannot read fixture '{path}': {e.Message}");
        }
        Fixture fixture;
        try
        {
            fixture = JsonSerializer.Deserialize<Fixture>(text, Json) ?? throw new FixtureException($"Fixture '{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new FixtureException($"Fixture '{path}' is invalid at {e.Path ?? "$"} (line {e.LineNumber + 1}): {e.Message}");
        }
        try
        {
            FixtureValidator.Validate(fixture, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        }
        catch (FixtureFieldException e)
        {
            var line = JsonLocator.LineOf(text, e.JsonPath);
            throw new FixtureException($"Fixture '{path}' is invalid at {e.JsonPath}{(line is { } l ? $" (line {l})" : "")}: {e.Message}");
        }
        return fixture;
    }

    /// <summary>
    /// A file that can be read whole: it exists, has a size, and is at most <paramref name="maxBytes"/>. Devices and FIFOs
    /// (/dev/zero, a named pipe) report no size, so they are refused before anything opens them.
    /// </summary>
    public static void CheckRegularFile(string path, long maxBytes, string what)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FixtureException($"Cannot read {what} '{path}': it does not exist.");
        if (info.Length == 0) throw new FixtureException($"Cannot read {what} '{path}': it is empty or not a regular file.");
        if (info.Length > maxBytes) throw new FixtureException($"Cannot read {what} '{path}': {info.Length} bytes, more than the {maxBytes} allowed.");
    }

    /// <summary>
    /// A fixture a reset asks for, confined to the folders fixtures may come from: the configured fixture's folder and
    /// JexSim:FixtureFolders (a bare name such as "quiet.json" is looked up in the first). Refuses anything else with a
    /// message naming the allowed folders; symbolic links are followed before the check.
    /// </summary>
    public static string Confine(string requested, IReadOnlyList<string> folders)
    {
        var roots = folders.Select(f => RealPath(Path.GetFullPath(f)).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).Distinct().ToList();
        string candidate = Path.IsPathRooted(requested) ? requested : Path.Combine(roots[0], requested);
        string real = RealPath(Path.GetFullPath(candidate));
        if (!roots.Any(r => real.StartsWith(r, StringComparison.Ordinal)))
            throw new FixtureException($"'{requested}' is outside the fixture folders ({string.Join(", ", roots)}); add its folder to JexSim:FixtureFolders to allow it.");
        if (!real.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) throw new FixtureException($"'{requested}' is not a .json fixture.");
        return real;
    }

    private static string RealPath(string path)
    {
        try
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException) { return path; }
    }

    /// <summary>A file a fixture names (a replay CSV), relative to the fixture's folder.</summary>
    public static string ResolveBeside(string fixturePath, string file) =>
        Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(fixturePath)) ?? ".", file));

    /// <summary>Finds a fixture by path: as given, then against the content root, then upwards from the app's folder.</summary>
    public static string Resolve(string path, string contentRoot)
    {
        if (Path.IsPathRooted(path) || File.Exists(path)) return Path.GetFullPath(path);
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, path);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return Path.GetFullPath(path);
    }

    /// <summary>Builds the dense asset and symbol tables the engine wants (ids in order of first appearance).</summary>
    public static MarketTables BuildTables(Fixture fixture)
    {
        var assets = new List<AssetSpec>();
        var byName = new Dictionary<string, AssetSpec>(StringComparer.OrdinalIgnoreCase);
        AssetSpec Asset(string name)
        {
            name = name.ToUpperInvariant();
            if (!byName.TryGetValue(name, out var a)) { a = new AssetSpec(assets.Count, name); assets.Add(a); byName.Add(name, a); }
            return a;
        }

        var symbols = new List<SymbolSpec>();
        // Names are unique within a market: spot and contracts both list BTCUSDT.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void AddAll<T>(List<T> list, MarketType market, string section) where T : SymbolFixture
        {
            for (int i = 0; i < list.Count; i++)
            {
                var s = list[i];
                string where = $"{section}[{i}] ({s.Symbol})";
                if (!seen.Add($"{market}:{s.Symbol}")) throw new FixtureException($"{where}: symbol is listed twice.");
                symbols.Add(new SymbolSpec
                {
                    Id = symbols.Count, Name = s.Symbol.ToUpperInvariant(), Market = market,
                    Base = Asset(s.BaseAsset), Quote = Asset(s.QuoteAsset),
                    TickSize = Positive(s.TickSize, where, "tickSize"),
                    MinPrice = Positive(s.MinPrice ?? s.TickSize, where, "minPrice"),
                    MaxPrice = Positive(s.MaxPrice, where, "maxPrice"),
                    StepSize = Positive(s.StepSize, where, "stepSize"),
                    MinQty = Positive(s.MinQty ?? s.StepSize, where, "minQty"),
                    MaxQty = Positive(s.MaxQty, where, "maxQty"),
                    MinNotional = Scaled(s.MinNotional, where, "minNotional"),
                    MakerFeeRate = Scaled(s.MakerFee, where, "makerFee"),
                    TakerFeeRate = Scaled(s.TakerFee, where, "takerFee"),
                    MarketOrdersAllowed = s.MarketOrders,
                    Trading = string.Equals(s.Status, "TRADING", StringComparison.OrdinalIgnoreCase),
                    Option = s is OptionSymbolFixture o ? Option(o, where) : null,
                });
            }
        }
        AddAll(fixture.SpotSymbols, MarketType.Spot, "spotSymbols");
        OptionSpec Option(OptionSymbolFixture o, string where)
        {
            var underlying = symbols.First(x => x.Market == MarketType.Spot && x.Name.Equals(o.Underlying, StringComparison.OrdinalIgnoreCase));
            var terms = o.ReleaseOption is { } r
                ? new ReleaseTerms(Positive(r.ConvertRatio, where, "releaseOption.convertRatio"), Asset(r.AssetMarginName),
                    Scaled(r.RateMargin, where, "releaseOption.rateMargin"), Asset(r.AssetBaseName), Scaled(r.RateBase, where, "releaseOption.rateBase"))
                : null;
            return new OptionSpec(o.Type == "PUT" ? OptionKind.Put : OptionKind.Call, underlying, Positive(o.Strike, where, "strike"),
                o.ExertionTime.ToUnixTimeMilliseconds(), terms);
        }
        AddAll(fixture.OptionSymbols, MarketType.Option, "optionSymbols");
        AddAll(fixture.ContractSymbols, MarketType.Contract, "contractSymbols");
        var contracts = new List<ContractSpec>();
        foreach (var c in fixture.ContractSymbols)
        {
            string where = $"contractSymbols[{contracts.Count}] ({c.Symbol})";
            var symbol = symbols.Single(s => s.Market == MarketType.Contract && s.Name == c.Symbol.ToUpperInvariant());
            var spec = new ContractSpec
            {
                Id = contracts.Count, SymbolId = symbol.Id, Symbol = symbol.Name, MarginAsset = Asset(c.MarginAsset ?? c.QuoteAsset).Id,
                Multiplier = Positive(c.Multiplier, where, "multiplier"), MaxLeverage = c.MaxLeverage, DefaultLeverage = c.DefaultLeverage,
                MaintenanceMarginRate = Positive(c.MaintenanceMarginRate, where, "maintenanceMarginRate"),
                MakerFeeRate = symbol.MakerFeeRate, TakerFeeRate = symbol.TakerFeeRate, FundingInterval = c.FundingInterval,
                MarkMethod = c.MarkMethod, AutoDeleveraging = c.AutoDeleveraging == "ENABLE",
                InterestRate = FixedPoint.FromDecimal(c.InterestRate), MaxFundingRate = FixedPoint.FromDecimal(c.MaxFundingRate),
                RiskLimit = Scaled(c.RiskLimit, where, "riskLimit"),
                IndexSymbolId = c.IndexSymbol is null ? -1
                    : symbols.SingleOrDefault(s => s.Market == MarketType.Spot && s.Name == c.IndexSymbol.ToUpperInvariant())?.Id
                      ?? throw new FixtureException($"{where}: indexSymbol '{c.IndexSymbol}' is not a spot symbol of the fixture."),
            };
            if (spec.Problem() is { } problem) throw new FixtureException($"{where}: {problem}.");
            contracts.Add(spec);
        }
        foreach (var a in fixture.Accounts)
            foreach (var asset in a.Balances.Keys) Asset(asset);
        return new MarketTables(assets, symbols, byName) { Contracts = contracts };
    }

    public static Permissions ParsePermissions(IEnumerable<string> names, string where)
    {
        var p = Permissions.None;
        foreach (var n in names)
        {
            p |= n.ToLowerInvariant() switch
            {
                "read" => Permissions.Read,
                "trade" => Permissions.Trade,
                "withdraw" => Permissions.Withdraw,
                _ => throw new FixtureException($"{where}: unknown permission '{n}' (use read, trade, withdraw)."),
            };
        }
        return p;
    }

    private static long Positive(decimal value, string where, string field)
    {
        long v = Scaled(value, where, field);
        if (v <= 0) throw new FixtureException($"{where}: {field} must be greater than 0.");
        return v;
    }

    public static long Scaled(decimal value, string where, string field)
    {
        if (!FixedPoint.TryFromDecimal(value, out long v) || v < 0)
            throw new FixtureException($"{where}: {field} '{value}' must be non-negative with at most {FixedPoint.Decimals} decimals.");
        return v;
    }
}

public sealed record MarketTables(IReadOnlyList<AssetSpec> Assets, IReadOnlyList<SymbolSpec> Symbols, IReadOnlyDictionary<string, AssetSpec> AssetsByName)
{
    /// <summary>The perpetual contracts, ids dense from 0, each trading under its contract-market symbol.</summary>
    public IReadOnlyList<ContractSpec> Contracts { get; init; } = [];
}

public sealed class FixtureException(string message) : Exception(message);
