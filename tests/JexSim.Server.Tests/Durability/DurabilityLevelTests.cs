using JexSim.Persistence;
using Microsoft.Data.Sqlite;

namespace JexSim.Server.Tests.Durability;

/// <summary>Each JexSim:Durability level sets the SQLite write connection the way README promises.</summary>
public sealed class DurabilityLevelTests
{
    [Theory]
    [InlineData(JexSim.Persistence.Durability.Full, 2)]   // FULL: the WAL is fsynced on every group commit
    [InlineData(JexSim.Persistence.Durability.Normal, 1)] // NORMAL: fsync only at checkpoints; a committed WAL frame survives a process crash
    [InlineData(JexSim.Persistence.Durability.None, 0)]   // OFF: never fsync
    public void Level_sets_WAL_and_the_synchronous_mode(JexSim.Persistence.Durability level, long synchronous)
    {
        var dir = Path.Combine(Path.GetTempPath(), "jexsim-durability", Guid.NewGuid().ToString("N"));
        try
        {
            using (var store = new SqliteStoreWriter(Path.Combine(dir, "x.db"), level))
            {
                Assert.Equal("wal", store.Pragma("journal_mode"));
                Assert.Equal(synchronous.ToString(System.Globalization.CultureInfo.InvariantCulture), store.Pragma("synchronous"));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
