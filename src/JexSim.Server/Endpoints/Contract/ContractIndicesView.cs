namespace JexSim.Server.Endpoints.Contract;

/// <summary>GET contract/ticker/indicesPrice: last trade price, index and mark, scaled 10^8.</summary>
public sealed record ContractIndicesView(string Symbol, long Price, long IndexPrice, long MarkPrice);
