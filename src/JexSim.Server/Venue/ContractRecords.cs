using JexSim.Engine.Matching;
using JexSim.Engine.Output;
using JexSim.Persistence;

namespace JexSim.Server.Venue;

/// <summary>The contract market's part of a commit: the engine's contract output values as store rows.</summary>
internal static class ContractRecords
{
    public static void Collect(BatchOutput output, ExchangeCore core, CommitBatch batch, long now)
    {
        var symbols = core.Symbols;
        var assets = core.Assets;
        foreach (var p in output.ContractPositions)
        {
            var x = p.Position;
            batch.ContractPositions.Add(new ContractPositionRecord(p.AccountId, symbols[p.SymbolId].Name, x.Quantity, x.Cost, x.Margin, x.Leverage,
                x.RealisedPnl, x.FeesPaid, x.BuyOrderQuantity, x.BuyOrderMargin, x.SellOrderQuantity, x.SellOrderMargin, now));
        }
        foreach (var b in output.ContractBalances)
            batch.ContractBalances.Add(new ContractBalanceRecord(b.AccountId, assets[b.AssetId].Name, b.Free, b.OrderMargin, b.PositionMargin));
        foreach (var pool in output.ContractPools)
        {
            batch.ContractPools.Add(new ContractPoolRecord(assets[pool.AssetId].Name, pool.Fees, pool.ProtectionFund));
            if (pool.FundChanged) batch.ContractFund.Add(new ContractFundRecord(0, assets[pool.AssetId].Name, pool.ProtectionFund, now));
        }
        foreach (var b in output.ContractBills)
            batch.ContractBills.Add(new ContractBillRecord(0, b.AccountId, symbols[b.SymbolId].Name, b.Type, b.Amount, b.Time));
        foreach (var m in output.ContractMarks)
            batch.ContractMarks.Add(new ContractMarkRecord(symbols[m.SymbolId].Name, m.Price, m.Time, m.Index, m.Basis, m.FundingRate, m.LastFunding));
        foreach (var t in output.ContractTriggers)
        {
            var x = t.Trigger;
            batch.ContractTriggers.Add(new ContractTriggerRecord(x.Id, x.AccountId, symbols[x.SymbolId].Name, x.Side, x.Type, x.Price, x.Quantity, x.Time,
                x.TriggerType, x.TriggerPrice, x.FiresAbove, t.Waiting));
        }
        foreach (var f in output.ContractFundings)
            batch.ContractFundings.Add(new ContractFundingRecord(0, symbols[f.SymbolId].Name, f.Rate, f.Paid, f.Time));
    }
}
