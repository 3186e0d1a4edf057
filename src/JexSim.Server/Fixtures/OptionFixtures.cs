using JexSim.Engine;

namespace JexSim.Server.Fixtures;

/// <summary>Checks the optionSymbols section, naming the field at fault.</summary>
internal static class OptionFixtures
{
    /// <summary>Validates every option; returns their symbols.</summary>
    public static HashSet<string> Validate(Fixture f)
    {
        var spot = f.SpotSymbols.ToDictionary(s => s.Symbol, StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var spotAssets = new HashSet<string>(f.SpotSymbols.SelectMany(s => new[] { s.BaseAsset, s.QuoteAsset }), StringComparer.OrdinalIgnoreCase);
        var tokens = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < f.OptionSymbols.Count; i++)
        {
            var o = f.OptionSymbols[i];
            string at = $"$.optionSymbols[{i}]";
            if (spot.ContainsKey(o.Symbol) || !names.Add(o.Symbol)) throw new FixtureFieldException($"{at}.symbol", $"symbol '{o.Symbol}' is listed twice.");
            if (o.Type is not ("CALL" or "PUT")) throw new FixtureFieldException($"{at}.type", $"type must be CALL or PUT, not '{o.Type}'.");
            if (!spot.TryGetValue(o.Underlying, out var underlying))
                throw new FixtureFieldException($"{at}.underlying", $"unknown underlying '{o.Underlying}' (not in spotSymbols).");
            if (!(o.Strike > 0) || !FixedPoint.TryFromDecimal(o.Strike, out _)) throw new FixtureFieldException($"{at}.strike", "strike must be greater than 0 with at most 8 decimals.");
            if (spotAssets.Contains(o.BaseAsset) || !tokens.Add(o.BaseAsset))
                throw new FixtureFieldException($"{at}.baseAsset", $"'{o.BaseAsset}' must be the option's own token asset, used by no other symbol.");
            if (o.StepSize < 1 || o.StepSize % 1 != 0 || (o.MinQty ?? o.StepSize) % 1 != 0)
                throw new FixtureFieldException($"{at}.stepSize", "option tokens are whole: stepSize and minQty must be whole numbers of at least 1.");
            if (o.ReleaseOption is not { } terms) continue;
            string rat = $"{at}.releaseOption";
            if (!(terms.ConvertRatio > 0)) throw new FixtureFieldException($"{rat}.convertRatio", "convertRatio must be greater than 0.");
            if (terms.RateMargin < 0) throw new FixtureFieldException($"{rat}.rateMargin", "rateMargin cannot be negative.");
            if (terms.RateBase < 0) throw new FixtureFieldException($"{rat}.rateBase", "rateBase cannot be negative.");
            if (!terms.AssetMarginName.Equals(underlying.BaseAsset, StringComparison.OrdinalIgnoreCase) && !terms.AssetMarginName.Equals(underlying.QuoteAsset, StringComparison.OrdinalIgnoreCase))
                throw new FixtureFieldException($"{rat}.assetMarginName", $"the margin asset must be the underlying's base ({underlying.BaseAsset}) or quote ({underlying.QuoteAsset}) asset, which settlement pays in.");
            if (tokens.Contains(terms.AssetBaseName) || f.OptionSymbols.Any(x => x.BaseAsset.Equals(terms.AssetBaseName, StringComparison.OrdinalIgnoreCase)))
                throw new FixtureFieldException($"{rat}.assetBaseName", $"'{terms.AssetBaseName}' is an option token and cannot be collateral.");
            decimal perToken = terms.ConvertRatio * terms.RateMargin;
            if (!FixedPoint.TryFromDecimal(perToken, out _) || !FixedPoint.TryFromDecimal(terms.RateBase, out _))
                throw new FixtureFieldException($"{rat}.rateMargin", $"convertRatio x rateMargin ({perToken}) and rateBase must have at most 8 decimals: collateral per token is exact.");
        }
        return names;
    }
}
