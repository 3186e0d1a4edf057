using JexSim.Engine.Commands;
using JexSim.Engine.Markets;
using JexSim.Server.Venue;

namespace JexSim.Server.Simulation;

/// <summary>
/// Applies a contract's funding every fundingInterval of venue time (virtual or real), on multiples of the interval
/// since the Unix epoch: sends <see cref="CommandKind.ApplyFunding"/> stamped with the funding time. Advancing the
/// clock across several intervals applies each one, in order, with the clock at that time. The engine refuses a
/// funding at or before the last one it applied, so a restart on a funding instant never pays it twice.
/// </summary>
public sealed class FundingSchedule(SymbolSpec contract, long interval, Sequencer sequencer, long start) : ISimulationActor
{
    public string Name => $"funding {contract.Name}";

    public long NextDue { get; private set; } = ContractMarket.NextFundingTime(start, interval);

    public Task? Act(long due)
    {
        NextDue = due + interval;
        return sequencer.Submit(EngineCommand.ApplyFunding(contract.Id), due);
    }

    public object Save() => NextDue;

    public void Restore(object state) => NextDue = (long)state;
}
