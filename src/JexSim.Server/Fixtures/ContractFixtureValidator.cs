namespace JexSim.Server.Fixtures;

/// <summary>The contract sections of a fixture: contractSymbols, contractOrders and each account's contractBalances.
/// Errors name the field, as <see cref="FixtureValidator"/>'s do.</summary>
public static class ContractFixtureValidator
{
    public static void Validate(Fixture f, HashSet<long> accounts)
    {
        var contracts = new Dictionary<string, ContractSymbolFixture>(StringComparer.OrdinalIgnoreCase);
        var marginAssets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < f.ContractSymbols.Count; i++)
        {
            var c = f.ContractSymbols[i];
            string at = $"$.contractSymbols[{i}]";
            if (!contracts.TryAdd(c.Symbol, c)) throw Field(at, "symbol", $"contract '{c.Symbol}' is listed twice.");
            string margin = c.MarginAsset ?? c.QuoteAsset;
            if (!margin.Equals(c.QuoteAsset, StringComparison.OrdinalIgnoreCase))
                throw Field(at, "marginAsset", $"a linear perpetual is margined in its quote asset ({c.QuoteAsset}), not '{margin}'.");
            marginAssets.Add(margin);
            if (c.ReferencePrice <= 0) throw Field(at, "referencePrice", "referencePrice (the starting mark and index price) must be greater than 0.");
            if (c.ReferencePrice > c.MaxPrice || c.ReferencePrice < (c.MinPrice ?? c.TickSize))
                throw Field(at, "referencePrice", $"referencePrice {c.ReferencePrice} is outside the price filter [{c.MinPrice ?? c.TickSize}, {c.MaxPrice}].");
            if (c.Multiplier is <= 0 or > 10_000) throw Field(at, "multiplier", "multiplier must be greater than 0 and at most 10000.");
            if (c.MaxLeverage is < 1 or > 100) throw Field(at, "maxLeverage", "maxLeverage must be between 1 and 100.");
            if (c.DefaultLeverage < 1 || c.DefaultLeverage > c.MaxLeverage) throw Field(at, "defaultLeverage", $"defaultLeverage must be between 1 and maxLeverage ({c.MaxLeverage}).");
            if (c.MaintenanceMarginRate <= 0 || c.MaintenanceMarginRate * c.MaxLeverage >= 1)
                throw Field(at, "maintenanceMarginRate", $"maintenanceMarginRate must be greater than 0 and below 1 / maxLeverage ({1m / c.MaxLeverage:0.########}).");
            if (c.MakerFee is < 0 or >= 1) throw Field(at, "makerFee", "makerFee must be in [0, 1).");
            if (c.TakerFee is < 0 or >= 1) throw Field(at, "takerFee", "takerFee must be in [0, 1).");
            if (c.FundingInterval < 1) throw Field(at, "fundingInterval", "fundingInterval (ms) must be at least 1.");
            if (c.AutoDeleveraging is not ("ENABLE" or "DISABLE")) throw Field(at, "autoDeleveraging", $"autoDeleveraging must be ENABLE or DISABLE, not '{c.AutoDeleveraging}'.");
            if (c.ProtectionFund < 0) throw Field(at, "protectionFund", "protectionFund cannot be negative.");
            if (c.MarkMethod is not (1 or 2)) throw Field(at, "markMethod", "markMethod must be 1 (mark = index) or 2 (index + smoothed basis).");
            if (c.MaxFundingRate is < 0 or >= 1) throw Field(at, "maxFundingRate", "maxFundingRate must be in [0, 1).");
            if (Math.Abs(c.InterestRate) > c.MaxFundingRate) throw Field(at, "interestRate", "interestRate must be within ±maxFundingRate.");
            if (c.RiskLimit < 0) throw Field(at, "riskLimit", "riskLimit cannot be negative (0 = no limit).");
            if (c.IndexSymbol is { } index && !f.SpotSymbols.Any(s => s.Symbol.Equals(index, StringComparison.OrdinalIgnoreCase)))
                throw Field(at, "indexSymbol", $"indexSymbol '{index}' is not a spot symbol of the fixture.");
            if (c.IndexSource is not ("reference" or "mid")) throw Field(at, "indexSource", $"indexSource must be reference or mid, not '{c.IndexSource}'.");
            if (c.IndexIntervalMs < 1) throw Field(at, "indexIntervalMs", "indexIntervalMs must be at least 1.");
        }

        // Contract balances and protection funds mint into the asset's supply, as spot balances do: the sum stays within the balance limit.
        var supply = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in f.Accounts)
            foreach (var (asset, amount) in a.Balances) supply[asset] = supply.GetValueOrDefault(asset) + amount;
        for (int i = 0; i < f.ContractSymbols.Count; i++)
        {
            var c = f.ContractSymbols[i];
            string margin = c.MarginAsset ?? c.QuoteAsset;
            supply[margin] = supply.GetValueOrDefault(margin) + c.ProtectionFund;
            if (c.ProtectionFund > Admin.BalanceLimit.WholeUnits || supply[margin] > Admin.BalanceLimit.WholeUnits)
                throw Field($"$.contractSymbols[{i}]", "protectionFund", $"the {margin} balances and protection funds add up to more than {Admin.BalanceLimit.Describe}.");
        }
        for (int i = 0; i < f.Accounts.Count; i++)
            foreach (var (asset, amount) in f.Accounts[i].ContractBalances)
            {
                string at = $"$.accounts[{i}].contractBalances";
                if (!marginAssets.Contains(asset)) throw Field(at, asset, $"'{asset}' is not the margin asset of any contract in contractSymbols.");
                if (amount < 0) throw Field(at, asset, "a contract balance cannot be negative.");
                if (amount > Admin.BalanceLimit.WholeUnits) throw Field(at, asset, $"a contract balance must be at most {Admin.BalanceLimit.Describe}, not {amount}.");
                supply[asset] = supply.GetValueOrDefault(asset) + amount;
                if (supply[asset] > Admin.BalanceLimit.WholeUnits)
                    throw Field(at, asset, $"the accounts' {asset} spot and contract balances add up to more than {Admin.BalanceLimit.Describe}.");
            }

        for (int i = 0; i < f.ContractOrders.Count; i++)
        {
            var o = f.ContractOrders[i];
            string at = $"$.contractOrders[{i}]";
            if (!contracts.ContainsKey(o.Symbol)) throw Field(at, "symbol", $"unknown contract '{o.Symbol}' (not in contractSymbols).");
            if (!accounts.Contains(o.Account)) throw Field(at, "account", $"unknown account {o.Account} (not in accounts).");
            if (!o.Side.Equals("BUY", StringComparison.OrdinalIgnoreCase) && !o.Side.Equals("SELL", StringComparison.OrdinalIgnoreCase))
                throw Field(at, "side", $"side must be BUY or SELL, not '{o.Side}'.");
            if (o.Price <= 0) throw Field(at, "price", "price must be greater than 0.");
            if (o.Quantity <= 0) throw Field(at, "quantity", "quantity must be greater than 0.");
        }
    }

    private static FixtureFieldException Field(string at, string field, string message) => new($"{at}.{field}", message);
}
