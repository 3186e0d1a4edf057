using JexSim.Server.Api;
using JexSim.Server.Simulation;

namespace JexSim.Server.Admin;

/// <summary>Fault injection rules, the request journal and the rate-limit counters.</summary>
public static class AdminFaultEndpoints
{
    public static void MapAdminFaults(this RouteGroupBuilder admin)
    {
        admin.MapPost("/faults", AddFault).WithSummary("Add a fault rule: {\"route\":\"/api/v1/spot/*\",\"latencyMs\":200,\"errorRate\":0.5,\"status\":503,\"code\":-1001}.");
        admin.MapGet("/faults", (FaultInjector faults) => JexResults.Ok(faults.Rules)).WithSummary("Active fault rules.");
        admin.MapDelete("/faults", (FaultInjector faults) => { faults.Clear(); return JexResults.Empty(); }).WithSummary("Remove every fault rule.");
        admin.MapGet("/journal", Journal).WithSummary("Recent JEX requests, newest first: ?apiKey=&path=&verdict=accepted|rejected&limit=.");
        admin.MapGet("/rateLimits", (RateLimiting.JexRateLimiter limiter) =>
        {
            var (tracked, refusing) = limiter.Status();
            return JexResults.Ok(new { enabled = limiter.Enabled, trackedClients = tracked, refusingClients = refusing });
        }).WithSummary("Whether rate limits are on, how many IPs are counted and how many are backing off or banned.");
        admin.MapDelete("/rateLimits", (RateLimiting.JexRateLimiter limiter) => { limiter.Clear(); return JexResults.Empty(); })
            .WithSummary("Clear every rate-limit counter and ban (a reset does it too).");
        admin.MapDelete("/journal", (RequestJournal journal) => { journal.Clear(); return JexResults.Empty(); }).WithSummary("Empty the journal.");
    }

    private static async Task<IResult> AddFault(HttpRequest http, FaultInjector faults)
    {
        var body = await AdminEndpoints.ReadBody(http, FaultRuleParser.Fields);
        return JexResults.Ok(faults.Add(FaultRuleParser.Parse(body)));
    }

    private static IResult Journal(RequestJournal journal, string? apiKey, string? path, string? verdict, string? limit)
    {
        if (verdict is not null and not ("accepted" or "rejected")) throw new AdminInputException("verdict", "must be accepted or rejected.");
        int max = 100;
        if (limit is not null && (!int.TryParse(limit, out max) || max < 1 || max > 10_000)) throw new AdminInputException("limit", "must be an integer between 1 and 10000.");
        var (count, entries) = journal.Query(apiKey, path, verdict, max);
        return JexResults.Ok(new { count, entries });
    }
}
