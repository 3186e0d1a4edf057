namespace JexSim.Server.Venue;

/// <summary>
/// One server per database. An exclusive lock on "&lt;database&gt;.lock" (an advisory flock on Linux and macOS, a
/// sharing lock on Windows) is held for the life of the venue; "&lt;database&gt;.pid" names the holder. The operating
/// system drops the lock when the holder dies, even by SIGKILL, so a stale lock file never blocks a restart.
/// </summary>
public sealed class DatabaseLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _pidFile;

    private DatabaseLock(FileStream held, string pidFile)
    {
        _lock = held;
        _pidFile = pidFile;
    }

    /// <summary>Takes the database's lock, or refuses with a message naming the file, the folder or the other process.</summary>
    public static DatabaseLock Acquire(string database)
    {
        string path = Path.GetFullPath(database);
        string folder = Path.GetDirectoryName(path) ?? ".";
        string lockFile = path + ".lock", pidFile = path + ".pid";
        FileStream held;
        try { Directory.CreateDirectory(folder); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Unwritable(folder, e); }
        try
        {
            held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException) when (File.Exists(lockFile) && !Directory.Exists(lockFile))
        {
            string holder = File.Exists(pidFile) ? ReadHolder(pidFile) : "another process";
            throw new StartupRefusedException($"The database {path} is in use by {holder} (lock {lockFile}). "
                + "Stop that server first, or give this one its own JexSim:Database.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Unwritable(folder, e); }
        string owner = $"process {Environment.ProcessId} ({Environment.ProcessPath ?? "dotnet"}) on {Environment.MachineName}, started {DateTimeOffset.UtcNow:O}";
        try { File.WriteAllText(pidFile, owner + Environment.NewLine); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            held.Dispose();
            throw new StartupRefusedException($"Cannot write {pidFile} next to the database {path}: {e.Message}");
        }
        return new DatabaseLock(held, pidFile);
    }

    private static StartupRefusedException Unwritable(string folder, Exception e) =>
        new($"Cannot write the database folder {folder} as user '{Environment.UserName}': {e.Message} Make it writable by that user "
            + "(a bind-mounted /data in Docker: chown it to the image's app user, uid 1654), or set JexSim:Database elsewhere.");

    private static string ReadHolder(string pidFile)
    {
        try { return File.ReadAllText(pidFile).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return "another process"; }
    }

    private bool _released;

    public void Dispose()
    {
        if (_released) return;
        _released = true;
        try { File.Delete(_pidFile); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        _lock.Dispose();
    }
}
