using JexSim.Persistence;

namespace JexSim.Server.Configuration;

/// <summary>The "JexSim" configuration section (appsettings.json, JexSim__X environment variables, --JexSim:X=...).</summary>
public sealed class JexSimOptions
{
    public const string Section = "JexSim";

    /// <summary>SQLite database path. Relative paths resolve against the working directory.</summary>
    public string Database { get; set; } = "data/jexsim.db";

    /// <summary>Fixture seeding an empty database.</summary>
    public string Fixture { get; set; } = "fixtures/default.json";

    /// <summary>Folders POST /admin/v1/reset may take a fixture from, besides the configured fixture's own folder.</summary>
    public List<string> FixtureFolders { get; set; } = new();

    /// <summary>Most snapshots kept in memory at once (each is a copy of the whole database).</summary>
    public int MaxSnapshots { get; set; } = 16;

    /// <summary>
    /// A restart with a fixture other than the one that seeded the database: false (default) keeps the stored state with a
    /// loud warning, or refuses to start when the stored state holds assets or symbols the fixture lacks; true wipes the
    /// database and seeds the new fixture.
    /// </summary>
    public bool ResetOnFixtureChange { get; set; }

    /// <summary>When set, /admin calls must carry it in X-JEXSIM-ADMIN-TOKEN.</summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// Without an admin token, the Host names (besides loopback and the listen addresses) the admin API answers, e.g. a
    /// compose service name ("jexsim"); "*" answers any host. Ignored when <see cref="AdminToken"/> is set.
    /// </summary>
    public List<string> AdminHosts { get; set; } = new();

    /// <summary>full (fsync per group commit: survives power loss), normal (default: survives a process crash) or none (no syncing).</summary>
    public Durability Durability { get; set; } = Durability.Normal;

    /// <summary>Most commands one group commit may carry.</summary>
    public int MaxBatchSize { get; set; } = 512;
}
