namespace JexSim.Engine.Output;

/// <summary>
/// One change of an account's option position, as persisted in option records. Amount is tokens; MarginAmount and
/// BaseAmount the collateral locked (release) or given back (back, expiry); Price the settlement price and Payout the
/// margin asset paid to (holder) or out of (writer) the account at expiry.
/// </summary>
public readonly record struct OptionEvent(
    long AccountId, int SymbolId, OptionEventKind Kind, long Amount, long MarginAmount, long BaseAmount, long Price, long Payout, long Time);
