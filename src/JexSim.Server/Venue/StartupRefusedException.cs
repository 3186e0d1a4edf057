namespace JexSim.Server.Venue;

/// <summary>
/// The server must not start (database in use, folder not writable, fixture and database disagree). The entry point
/// prints the message as one line and exits with code 2, without a stack trace.
/// </summary>
public sealed class StartupRefusedException(string message) : Exception(message);
