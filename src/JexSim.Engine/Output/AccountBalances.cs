namespace JexSim.Engine.Output;

/// <summary>All balances of an account a batch touched, after the batch, one row per asset (asset id = position).</summary>
public readonly record struct AccountBalances(long AccountId, BalanceState[] Balances);
