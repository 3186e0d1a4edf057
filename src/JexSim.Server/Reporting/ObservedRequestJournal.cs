using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Simulation;
using JexSim.Server.Venue;

namespace JexSim.Server.Reporting;

/// <summary>
/// The <see cref="IRequestJournal"/> the request path reports to: the request journal, the conformance report's
/// <see cref="ClientActivity"/>, and the JEX code for the request log line (<see cref="RequestLogMiddleware"/>).
/// </summary>
public sealed class ObservedRequestJournal(RequestJournal journal, ClientActivity activity) : IRequestJournal
{
    public void Record(HttpContext http, JexEndpoint? endpoint, ApiKey? key, RequestParameters? parameters, JexError? error, string? fault = null)
    {
        journal.Record(http, endpoint, key, parameters, error, fault);
        activity.Record(http, endpoint, key, parameters, error, fault);
        if (error is not null) http.Items[RequestLogMiddleware.CodeItem] = error.Code;
    }
}
