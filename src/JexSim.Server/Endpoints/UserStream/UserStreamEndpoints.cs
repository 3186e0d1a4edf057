using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Streams;

namespace JexSim.Server.Endpoints.UserStream;

/// <summary>The user data stream's listenKey lifecycle (USER_STREAM: API key, no signature).</summary>
public static class UserStreamEndpoints
{
    private const string Path = "/api/v1/userDataStream";

    private static ParamSpec ListenKey => Params.String("listenKey", true);

    public static IEnumerable<JexEndpoint> All =>
    [
        new("POST", Path, SecurityType.UserStream, 1, [], "Start a user data stream; the listenKey is valid for 60 minutes.", Start),
        new("PUT", Path, SecurityType.UserStream, 1, [ListenKey], "Keep a user data stream alive for another 60 minutes.", KeepAlive),
        new("DELETE", Path, SecurityType.UserStream, 1, [ListenKey], "Close a user data stream (its sockets close).", Close),
    ];

    private static ListenKeys Keys(JexRequest r) => r.Http.RequestServices.GetRequiredService<ListenKeys>();

    private static ValueTask<IResult> Start(JexRequest r) =>
        ValueTask.FromResult(JexResults.Ok(new { listenKey = Keys(r).Start(r.AccountId, r.ApiKey!.Permissions).Key }));

    private static ValueTask<IResult> KeepAlive(JexRequest r) =>
        Keys(r).KeepAlive(r.String("listenKey")!, r.AccountId)
            ? ValueTask.FromResult(JexResults.Empty())
            : throw new JexException(JexErrors.InvalidListenKey);

    private static ValueTask<IResult> Close(JexRequest r) =>
        Keys(r).Close(r.String("listenKey")!, r.AccountId)
            ? ValueTask.FromResult(JexResults.Empty())
            : throw new JexException(JexErrors.InvalidListenKey);
}
