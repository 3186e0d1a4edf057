using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Spot;

/// <summary>One default-fixture venue shared by a test class whose tests do not change state (or only add to it harmlessly).</summary>
public sealed class VenueFixture : IDisposable
{
    public JexSimFactory Venue { get; } = new();

    public void Dispose() => Venue.Dispose();
}
