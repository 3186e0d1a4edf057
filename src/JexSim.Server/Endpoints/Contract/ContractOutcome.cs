using JexSim.Server.Api;

namespace JexSim.Server.Endpoints.Contract;

/// <summary>What a contract command answered: its value, or the JEX error it was refused with.</summary>
public readonly record struct ContractOutcome<T>(T? Value, JexError? Error)
{
    public static ContractOutcome<T> Ok(T value) => new(value, null);
    public static ContractOutcome<T> Refused(JexError error) => new(default, error);

    /// <summary>The value, or throws the error as the answer.</summary>
    public T Unwrap() => Error is { } e ? throw new JexException(e) : Value!;
}
