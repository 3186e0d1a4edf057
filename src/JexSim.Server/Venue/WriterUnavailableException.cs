namespace JexSim.Server.Venue;

/// <summary>The writer could not apply or save a command (a failed commit, an unreadable clock or store). Nothing of it was kept.</summary>
public sealed class WriterUnavailableException(string? reason)
    : Exception($"The venue could not save this change: {reason ?? "the writer is unavailable"}. Nothing was applied; retry.");
