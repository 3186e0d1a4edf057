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
            .SelectMany(s => venue.StoreReader.OpenOrders(accountId, s.Name, new OrderQuery(null, null, null, 500)))
            .OrderByDescending(o => o.Time).ThenByDescending(o => o.Id)
            .Select(o => new
            {
                symbol = o.Symbol, orderId = o.Id, side = o.Side.ToString().ToUpperInvariant(), type = o.Type.ToString().ToUpperInvariant(),
                price = FixedPoint.Format(o.Price), origQty = FixedPoint.Format(o.Quantity), executedQty = FixedPoint.Format(o.Filled),
                status = o.Status == OrderStatus.PartiallyFilled ? "PARTIALLY_FILLED" : "NEW", time = o.Time,
            });
        return JexResults.Ok(orders);
    }
}
