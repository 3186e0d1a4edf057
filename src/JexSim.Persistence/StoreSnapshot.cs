namespace JexSim.Persistence;

/// <summary>A copy of the whole store held in memory; dispose it to free the memory.</summary>
public abstract class StoreSnapshot : IDisposable
{
    public abstract void Dispose();
}
