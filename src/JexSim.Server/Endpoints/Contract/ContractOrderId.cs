using System.Globalization;

namespace JexSim.Server.Endpoints.Contract;

/// <summary>
/// Contract order ids at the API: the engine numbers contract orders from 2^62 + 1 (apart from spot's), and the API
/// writes them as 19-digit strings as in the spec's examples ("4613019726031880200"). They are above 2^53, so a client
/// that parses them as doubles loses the low bits and is caught by the next query.
/// </summary>
public static class ContractOrderId
{
    public const long Offset = 1L << 62;

    public static string Format(long engineId) => engineId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The engine id of an API id; false for an id no contract order can have (≤ 2^62: the caller answers -2013).</summary>
    public static bool TryToEngine(long apiId, out long engineId)
    {
        engineId = apiId;
        return apiId > Offset;
    }
}
