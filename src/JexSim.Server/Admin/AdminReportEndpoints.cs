using JexSim.Engine;
using JexSim.Persistence;
using JexSim.Server.Api;
using JexSim.Server.Reporting;
using JexSim.Server.Simulation;
using JexSim.Server.Venue;

namespace JexSim.Server.Admin;

/// <summary>Read-only views for the dashboard and for client authors: the conformance report and an account's open orders; and removing one fault rule.</summary>
public static class AdminReportEndpoints
{
    public static void MapAdminReports(this RouteGroupBuilder admin)
    {
        admin.MapGet("/report", (ClientActivity activity, string? apiKey) => JexResults.Ok(activity.Report(apiKey)))
            .WithSummary("Client conformance report since the last reset, for ?apiKey= (or every request without it): endpoints called, "
                + "errors by code with reasons, peak request weight per minute and orders per second against the limits, "
                + "signed requests whose timestamp came near the edge of recvWindow.");
        admin.MapGet("/accounts/{accountId}/orders", OpenOrders).WithSummary("An account's open orders on every symbol, newest first.");
        admin.MapDelete("/faults/{id}", (long id, FaultInjector faults) =>
            faults.Remove(id) ? JexResults.Empty() : AdminEndpoints.NotFound("id", $"No fault rule {id}.")).WithSummary("Remove one fault rule.");
    }

    private static IResult OpenOrders(long accountId, ExchangeVenue venue)
    {
        if (!venue.StoreReader.Accounts().Any(a => a.Id == accountId)) return AdminEndpoints.NotFound("accountId", $"Unknown account {accountId}.");
        var orders = venue.Tables.Symbols
            // By store key: spot and contract symbols share names (BTCUSDT), their orders are stored apart.
            .SelectMany(s => venue.StoreReader.OpenOrders(accountId, s.StoreKey, new OrderQuery(null, null, null, 500)).Select(o => (Spec: s, o)))
            .OrderByDescending(x => x.o.Time).ThenByDescending(x => x.o.Id)
            .Select(x => new
            {
                symbol = x.Spec.Name, market = x.Spec.Market.ToString().ToLowerInvariant(), orderId = x.o.Id,
                side = x.o.Side.ToString().ToUpperInvariant(), type = x.o.Type.ToString().ToUpperInvariant(),
                price = FixedPoint.Format(x.o.Price), origQty = FixedPoint.Format(x.o.Quantity), executedQty = FixedPoint.Format(x.o.Filled),
                status = x.o.Status == OrderStatus.PartiallyFilled ? "PARTIALLY_FILLED" : "NEW", time = x.o.Time,
            });
        return JexResults.Ok(orders);
    }
}
