using System.Net;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Spot;

namespace JexSim.Server.Tests.Security;

/// <summary>
/// The spec's timing rule, at its edges: a request is processed when
/// timestamp &lt; serverTime + 1000 and serverTime - timestamp &lt;= recvWindow (default 5000, max 60000).
/// </summary>
public sealed class TimingSecurityTests(VenueFixture fixture) : IClassFixture<VenueFixture>
{
    [Theory]
    [InlineData(999, null, true)]       // just under a second ahead
    [InlineData(1000, null, false)]     // a second ahead
    [InlineData(0, null, true)]
    [InlineData(-5000, null, true)]     // exactly the default window old
    [InlineData(-5001, null, false)]
    [InlineData(-60000, 60000, true)]   // the largest window
    [InlineData(-60001, 60000, false)]
    [InlineData(-10, 10, true)]
    [InlineData(-11, 10, false)]
    [InlineData(999, 1, true)]          // the window only limits lateness
    public async Task A_signed_request_is_processed_only_inside_its_window(long offset, int? recvWindow, bool processed)
    {
        var alice = fixture.Venue.Alice();
        long now = fixture.Venue.Clock.NowMs;
        string parameters = (recvWindow is null ? "" : $"recvWindow={recvWindow}&") + $"timestamp={now + offset}";
        var response = await alice.Signed(HttpMethod.Get, "/api/v1/account", parameters);
        if (processed) response.Ok();
        else Assert.Equal((HttpStatusCode.BadRequest, -1021), (response.Status, response.Code));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("60001")]
    [InlineData("-1")]
    [InlineData("5s")]
    public async Task A_recvWindow_outside_1_to_60000_is_refused(string recvWindow)
    {
        var response = await fixture.Venue.Alice().Signed(HttpMethod.Get, "/api/v1/account", $"recvWindow={recvWindow}");
        Assert.Equal((HttpStatusCode.BadRequest, -1100), (response.Status, response.Code));
        Assert.Contains("'recvWindow'", response.Msg, StringComparison.Ordinal);
    }
}
