using JexSim.Engine.Commands;
using JexSim.Engine.Markets;
using JexSim.Server.Venue;

namespace JexSim.Server.Simulation;

/// <summary>
/// Moves a contract's index every indexIntervalMs of venue time from its fixture's source: the reference price of its
/// index symbol (driven by that symbol's random-walk or replay feed, or the admin API) or that symbol's spot book mid
/// (taken by the engine when the command applies, so it is the mid of that moment in command order). A reference price
/// is sent only when it changed. Feeds run before this on the same instant, so a tick due then counts.
/// </summary>
public sealed class ContractIndexFeed(SymbolSpec contract, SymbolSpec indexSymbol, bool fromMid, long interval, Sequencer sequencer,
    IndexPrices prices, long start) : ISimulationActor
{
    private long _sent;

    public string Name => $"index {contract.Name}";

    public long NextDue { get; private set; } = start;

    public Task? Act(long due)
    {
        NextDue = due + interval;
        if (fromMid) return sequencer.Submit(EngineCommand.SetIndexPrice(contract.Id, 0), due);
        long price = prices.Get(indexSymbol)?.Price ?? 0;
        if (price <= 0 || price == _sent) return null;
        _sent = price;
        return sequencer.Submit(EngineCommand.SetIndexPrice(contract.Id, price), due);
    }

    public object Save() => (NextDue, _sent);

    public void Restore(object state) => (NextDue, _sent) = ((long, long))state;
}
