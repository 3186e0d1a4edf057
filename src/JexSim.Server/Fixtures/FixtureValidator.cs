using System.Text;
using System.Text.Json;

namespace JexSim.Server.Fixtures;

/// <summary>A semantic error in a fixture, at a JSON path such as $.agents[1].symbol.</summary>
public sealed class FixtureFieldException(string jsonPath, string message) : Exception(message)
{
    public string JsonPath { get; } = jsonPath;
}

/// <summary>
/// Checks what JSON shape alone cannot: that orders, feeds and agents name symbols and accounts the fixture has,
/// that kinds and numbers make sense, and that replay files exist. Errors name the field (the loader adds the line).
/// </summary>
public static class FixtureValidator
{
    public static void Validate(Fixture f, string folder)
    {
        var symbols = new HashSet<string>(f.SpotSymbols.Select(s => s.Symbol), StringComparer.OrdinalIgnoreCase);
        if (f.StartTime is { } start && (start.Year < 2000 || start.Year >= 2100))
            throw new FixtureFieldException("$.startTime", $"startTime must be from 2000-01-01 to before 2100-01-01, not {start:O}.");
        foreach (var (section, list) in new (string, IReadOnlyList<SymbolFixture>)[] { ("spotSymbols", f.SpotSymbols), ("contractSymbols", f.ContractSymbols), ("optionSymbols", f.OptionSymbols) })
        {
            for (int i = 0; i < list.Count; i++)
            {
                var sym = list[i];
                string at = $"$.{section}[{i}]";
                if (string.IsNullOrWhiteSpace(sym.Symbol)) throw new FixtureFieldException($"{at}.symbol", "symbol must not be empty.");
                if (string.IsNullOrWhiteSpace(sym.BaseAsset)) throw new FixtureFieldException($"{at}.baseAsset", "baseAsset must not be empty.");
                if (string.IsNullOrWhiteSpace(sym.QuoteAsset)) throw new FixtureFieldException($"{at}.quoteAsset", "quoteAsset must not be empty.");
                if (string.Equals(sym.BaseAsset, sym.QuoteAsset, StringComparison.OrdinalIgnoreCase))
                    throw new FixtureFieldException($"{at}.quoteAsset", $"quoteAsset must differ from baseAsset ({sym.BaseAsset}).");
                if (sym.MakerFee is < 0 or >= 1) throw new FixtureFieldException($"{at}.makerFee", $"makerFee must be in [0, 1) (0.001 is 0.1%), not {sym.MakerFee}.");
                if (sym.TakerFee is < 0 or >= 1) throw new FixtureFieldException($"{at}.takerFee", $"takerFee must be in [0, 1) (0.001 is 0.1%), not {sym.TakerFee}.");
                if (sym.MaxPrice > Admin.BalanceLimit.WholeUnits) throw new FixtureFieldException($"{at}.maxPrice", $"maxPrice must be at most {Admin.BalanceLimit.Describe}.");
                if (sym.MaxQty > Admin.BalanceLimit.WholeUnits) throw new FixtureFieldException($"{at}.maxQty", $"maxQty must be at most {Admin.BalanceLimit.Describe}.");
            }
        }
        var options = OptionFixtures.Validate(f);
        // Resting orders may be on options; feeds and agents follow spot reference prices only.
        var orderSymbols = new HashSet<string>(symbols.Concat(options), StringComparer.OrdinalIgnoreCase);

        var accounts = new HashSet<long>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        var supply = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < f.Accounts.Count; i++)
        {
            var a = f.Accounts[i];
            string at = $"$.accounts[{i}]";
            if (a.Balances.Keys.FirstOrDefault(k => f.OptionSymbols.Any(o => o.BaseAsset.Equals(k, StringComparison.OrdinalIgnoreCase))) is { } token)
                throw new FixtureFieldException($"{at}.balances.{token}", $"'{token}' is an option token: tokens are only issued (releases), never opening balances.");
            if (a.Id == f.FeeAccountId) throw new FixtureFieldException($"{at}.id", $"account {a.Id} is the fee account.");
            if (a.Id < 0) throw new FixtureFieldException($"{at}.id", $"account id must not be negative, not {a.Id}.");
            if (!accounts.Add(a.Id)) throw new FixtureFieldException($"{at}.id", $"account {a.Id} is listed twice.");
            if (string.IsNullOrWhiteSpace(a.ApiKey)) throw new FixtureFieldException($"{at}.apiKey", "apiKey must not be empty.");
            if (string.IsNullOrWhiteSpace(a.SecretKey)) throw new FixtureFieldException($"{at}.secretKey", "secretKey must not be empty.");
            if (!keys.Add(a.ApiKey)) throw new FixtureFieldException($"{at}.apiKey", "apiKey is already used by another account.");
            if (!secrets.Add(a.SecretKey)) throw new FixtureFieldException($"{at}.secretKey", "secretKey is already used by another account.");
            foreach (var (asset, amount) in a.Balances)
            {
                string field = $"{at}.balances.{asset}";
                if (string.IsNullOrWhiteSpace(asset)) throw new FixtureFieldException($"{at}.balances", "an asset name must not be empty.");
                if (amount < 0) throw new FixtureFieldException(field, $"balance must not be negative, not {amount}.");
                if (amount > Admin.BalanceLimit.WholeUnits) throw new FixtureFieldException(field, $"balance must be at most {Admin.BalanceLimit.Describe}, not {amount}.");
                supply[asset] = supply.GetValueOrDefault(asset) + amount;
                if (supply[asset] > Admin.BalanceLimit.WholeUnits)
                    throw new FixtureFieldException(field, $"the accounts' {asset} balances add up to more than {Admin.BalanceLimit.Describe}.");
            }
        }
        ContractFixtureValidator.Validate(f, accounts);

        for (int i = 0; i < f.Orders.Count; i++)
        {
            var o = f.Orders[i];
            string at = $"$.orders[{i}]";
            Symbol(orderSymbols, o.Symbol, at, "spotSymbols or optionSymbols");
            Account(accounts, o.Account, at, "account");
            if (!o.Side.Equals("BUY", StringComparison.OrdinalIgnoreCase) && !o.Side.Equals("SELL", StringComparison.OrdinalIgnoreCase))
                throw new FixtureFieldException($"{at}.side", $"side must be BUY or SELL, not '{o.Side}'.");
            if (o.Price <= 0) throw new FixtureFieldException($"{at}.price", "price must be greater than 0.");
            if (o.Quantity <= 0) throw new FixtureFieldException($"{at}.quantity", "quantity must be greater than 0.");
        }

        for (int i = 0; i < f.Releases.Count; i++)
        {
            var r = f.Releases[i];
            string at = $"$.releases[{i}]";
            Symbol(options, r.Symbol, at, "optionSymbols");
            Account(accounts, r.Account, at, "account");
            if (r.Amount <= 0 || r.Amount % 1 != 0) throw new FixtureFieldException($"{at}.amount", "amount must be a whole number of tokens greater than 0.");
            if (r.Amount > Admin.BalanceLimit.WholeUnits) throw new FixtureFieldException($"{at}.amount", $"amount must be at most {Admin.BalanceLimit.Describe}, not {r.Amount}.");
        }

        var fed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < f.Feeds.Count; i++)
        {
            var feed = f.Feeds[i];
            string at = $"$.feeds[{i}]";
            Symbol(symbols, feed.Symbol, at);
            if (!fed.Add(feed.Symbol)) throw new FixtureFieldException($"{at}.symbol", $"symbol '{feed.Symbol}' already has a feed.");
            switch (feed.Type)
            {
                case "randomWalk":
                    if (feed.StartPrice is not > 0) throw new FixtureFieldException($"{at}.startPrice", "a randomWalk feed needs a startPrice greater than 0.");
                    if (feed.Volatility < 0 || feed.Volatility > 10) throw new FixtureFieldException($"{at}.volatility", "volatility (annualised) must be between 0 and 10.");
                    if (Math.Abs(feed.Drift) > 10) throw new FixtureFieldException($"{at}.drift", "drift (annualised) must be between -10 and 10.");
                    if (feed.IntervalMs is < 1 or > 86_400_000) throw new FixtureFieldException($"{at}.intervalMs", "intervalMs must be between 1 and 86400000.");
                    break;
                case "replay":
                    if (string.IsNullOrWhiteSpace(feed.File)) throw new FixtureFieldException($"{at}.file", "a replay feed needs a CSV file.");
                    var file = Path.IsPathRooted(feed.File) ? feed.File : Path.Combine(folder, feed.File);
                    if (!File.Exists(file)) throw new FixtureFieldException($"{at}.file", $"replay file '{file}' does not exist.");
                    try { FixtureLoader.CheckRegularFile(file, FixtureLoader.MaxReplayBytes, "replay file"); }
                    catch (FixtureException e) { throw new FixtureFieldException($"{at}.file", e.Message); }
                    if (feed.Format is not ("trades" or "klines")) throw new FixtureFieldException($"{at}.format", $"format must be trades or klines, not '{feed.Format}'.");
                    if (!(feed.Speed > 0) || double.IsInfinity(feed.Speed)) throw new FixtureFieldException($"{at}.speed", "speed must be greater than 0.");
                    break;
                default:
                    throw new FixtureFieldException($"{at}.type", $"type must be randomWalk or replay, not '{feed.Type}'.");
            }
        }

        for (int i = 0; i < f.Agents.Count; i++)
        {
            var a = f.Agents[i];
            string at = $"$.agents[{i}]";
            switch (a.Market)
            {
                case "spot":
                    Symbol(symbols, a.Symbol, at);
                    break;
                case "contract":
                    Symbol(new HashSet<string>(f.ContractSymbols.Select(s => s.Symbol), StringComparer.OrdinalIgnoreCase), a.Symbol, at, "contractSymbols");
                    if (!symbols.Contains(a.Symbol))
                        throw new FixtureFieldException($"{at}.symbol", $"a contract agent quotes around the index price of the spot symbol of the same name, and there is no spot symbol '{a.Symbol}'.");
                    if (!(a.SlippageBps > 0 && a.SlippageBps < 10_000)) throw new FixtureFieldException($"{at}.slippageBps", "slippageBps must be greater than 0 and below 10000.");
                    break;
                default:
                    throw new FixtureFieldException($"{at}.market", $"market must be spot or contract, not '{a.Market}'.");
            }
            Account(accounts, a.Account, at, "account");
            switch (a.Type)
            {
                case "marketMaker":
                    if (a.Quantity <= 0) throw new FixtureFieldException($"{at}.quantity", "a marketMaker needs a quantity greater than 0.");
                    if (a.Levels is < 1 or > 100) throw new FixtureFieldException($"{at}.levels", "levels must be between 1 and 100.");
                    if (a.SpreadBps <= 0) throw new FixtureFieldException($"{at}.spreadBps", "spreadBps must be greater than 0.");
                    if (a.LevelStepBps <= 0) throw new FixtureFieldException($"{at}.levelStepBps", "levelStepBps must be greater than 0.");
                    if (a.RequoteBps < 0) throw new FixtureFieldException($"{at}.requoteBps", "requoteBps cannot be negative.");
                    if (a.RefreshMs < 1) throw new FixtureFieldException($"{at}.refreshMs", "refreshMs must be at least 1.");
                    break;
                case "noiseTaker":
                    if (a.MinQuantity <= 0) throw new FixtureFieldException($"{at}.minQuantity", "a noiseTaker needs a minQuantity greater than 0.");
                    if (a.MaxQuantity < a.MinQuantity) throw new FixtureFieldException($"{at}.maxQuantity", "maxQuantity must be at least minQuantity.");
                    if (a.IntervalMs < 1) throw new FixtureFieldException($"{at}.intervalMs", "intervalMs must be at least 1.");
                    break;
                default:
                    throw new FixtureFieldException($"{at}.type", $"type must be marketMaker or noiseTaker, not '{a.Type}'.");
            }
        }
    }

    private static void Symbol(HashSet<string> symbols, string symbol, string at, string sections = "spotSymbols")
    {
        if (!symbols.Contains(symbol)) throw new FixtureFieldException($"{at}.symbol", $"unknown symbol '{symbol}' (not in {sections}).");
    }

    internal static void Account(HashSet<long> accounts, long id, string at, string field)
    {
        if (!accounts.Contains(id)) throw new FixtureFieldException($"{at}.{field}", $"unknown account {id} (not in accounts).");
    }
}

/// <summary>Finds the line of a JSON path ($.a[1].b) in a JSON text, for error messages.</summary>
public static class JsonLocator
{
    /// <summary>The line of the path, or of its nearest enclosing element present in the text (for a missing field).</summary>
    public static int? LineOf(string text, string jsonPath)
    {
        for (var path = jsonPath; path.Length > 1; path = Parent(path))
            if (Find(text, path) is { } line) return line;
        return null;
    }

    private static string Parent(string path)
    {
        int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "$" : path[..cut];
    }

    private static int? Find(string text, string jsonPath)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new List<(bool Array, int Index, string? Property)>();
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    var top = frames[^1];
                    frames[^1] = top with { Property = reader.GetString() };
                    if (Path(frames) == jsonPath) return Line(bytes, reader.TokenStartIndex);
                    continue;
                }
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.RemoveAt(frames.Count - 1);
                    continue;
                }
                if (frames.Count > 0 && frames[^1].Array)
                {
                    var top = frames[^1];
                    frames[^1] = top with { Index = top.Index + 1 };
                    if (Path(frames) == jsonPath) return Line(bytes, reader.TokenStartIndex);
                }
                if (reader.TokenType == JsonTokenType.StartObject) frames.Add((false, -1, null));
                else if (reader.TokenType == JsonTokenType.StartArray) frames.Add((true, -1, null));
            }
        }
        catch (JsonException) { }
        return null;
    }

    private static string Path(List<(bool Array, int Index, string? Property)> frames)
    {
        var sb = new StringBuilder("$");
        foreach (var f in frames)
            if (f.Array) sb.Append('[').Append(f.Index).Append(']');
            else if (f.Property is not null) sb.Append('.').Append(f.Property);
        return sb.ToString();
    }

    private static int Line(byte[] bytes, long index)
    {
        int line = 1;
        for (long i = 0; i < index; i++) if (bytes[i] == (byte)'\n') line++;
        return line;
    }
}
