namespace JexSim.Server.Endpoints.Contract;

/// <summary>The balance a margin transfer drew on (the spot balance of the margin asset), after the transfer.</summary>
public sealed record ContractTransfer(string Asset, long Free, long Locked);
