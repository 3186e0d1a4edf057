namespace JexSim.Engine.Accounts;

/// <summary>What an API key may do, per the spec's security types.</summary>
[Flags]
public enum Permissions
{
    None = 0,
    Read = 1,
    Trade = 2,
    Withdraw = 4,
    All = Read | Trade | Withdraw,
}
