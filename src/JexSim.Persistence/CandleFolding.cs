namespace JexSim.Persistence;

/// <summary>Folds a batch's trades into one-minute candles (one merge per symbol and minute).</summary>
internal static class CandleFolding
{
    public static IEnumerable<CandleRecord> Fold(List<TradeRecord> trades)
    {
        if (trades.Count == 0) yield break;
        CandleRecord? current = null;
        foreach (var t in trades)
        {
            long minute = t.Time - Math.Abs(t.Time % 60_000);
            long takerBuy = t.BuyerMaker ? 0 : t.Quantity, takerBuyQuote = t.BuyerMaker ? 0 : t.QuoteQuantity;
            if (current is not null && current.Symbol == t.Symbol && current.OpenTime == minute)
            {
                current = current with
                {
                    High = Math.Max(current.High, t.Price), Low = Math.Min(current.Low, t.Price), Close = t.Price,
                    Volume = Volume.Add(current.Volume, t.Quantity), QuoteVolume = Volume.Add(current.QuoteVolume, t.QuoteQuantity), Trades = current.Trades + 1,
                    TakerBuyVolume = Volume.Add(current.TakerBuyVolume, takerBuy), TakerBuyQuoteVolume = Volume.Add(current.TakerBuyQuoteVolume, takerBuyQuote),
                };
                continue;
            }
            if (current is not null) yield return current;
            current = new CandleRecord(t.Symbol, minute, t.Price, t.Price, t.Price, t.Price, t.Quantity, t.QuoteQuantity, 1, takerBuy, takerBuyQuote);
        }
        if (current is not null) yield return current;
    }
}
