namespace JexSim.Engine.Markets;

/// <summary>An asset the ledger knows (BTC, USDT, ...). Ids are dense, starting at 0.</summary>
public sealed record AssetSpec(int Id, string Name);
