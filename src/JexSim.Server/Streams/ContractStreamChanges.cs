
namespace JexSim.Server.Streams;

/// <summary>
/// A batch's contract changes for the accounts that have a user data stream, copied from the batch output: refused
/// orders (execContractReport FAIL), contract balances after the batch (accountContractInfo) and the positions it
/// touched (contractPositions), each in output order.
/// </summary>
public sealed record ContractStreamChanges(ContractRefusal[] Refusals, ContractBalanceState[] Balances, ContractPositionState[] Positions)
{
    public static readonly ContractStreamChanges None = new([], [], []);

    public bool IsEmpty => Refusals.Length == 0 && Balances.Length == 0 && Positions.Length == 0;
}
