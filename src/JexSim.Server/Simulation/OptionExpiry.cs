using JexSim.Engine.Commands;
using JexSim.Engine.Markets;
using JexSim.Server.Venue;

namespace JexSim.Server.Simulation;

/// <summary>
/// Settles one option at its exertion time on the venue clock (virtual or real): sends <see cref="CommandKind.ExpireOption"/>
/// stamped with that time, at the underlying's reference (index) price of that instant. Without a feed on the underlying
/// it sends 0 and the engine takes the underlying's last trade price, and the strike when it never traded (nobody in the
/// money). Feeds run before this on the same instant, so a tick due at the exertion time counts.
/// </summary>
public sealed class OptionExpiry(SymbolSpec option, Sequencer sequencer, IndexPrices prices) : ISimulationActor
{
    public string Name => $"optionExpiry {option.Name}";

    public long NextDue { get; private set; } = option.Option!.ExertionTime;

    public Task? Act(long due)
    {
        NextDue = long.MaxValue;
        long price = prices.Get(option.Option!.Underlying)?.Price ?? 0;
        // An option that already settled (a restart after its expiry) is refused by the engine and changes nothing.
        return sequencer.Submit(EngineCommand.ExpireOption(option.Id, price), due);
    }

    public object Save() => NextDue;

    public void Restore(object state) => NextDue = (long)state;
}
