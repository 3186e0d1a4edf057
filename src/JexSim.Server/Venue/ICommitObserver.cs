namespace JexSim.Server.Venue;

/// <summary>Told about every committed batch, on the writer thread: keep it quick (copy what you need and hand it off).</summary>
public interface ICommitObserver
{
    void OnCommitted(in CommittedBatch batch);
}
