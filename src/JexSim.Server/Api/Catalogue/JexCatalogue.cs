using JexSim.Server.Endpoints.Account;
using JexSim.Server.Endpoints.General;
using JexSim.Server.Endpoints.Option;
using JexSim.Server.Endpoints.Spot;
using JexSim.Server.Endpoints.UserStream;
using JexSim.Server.Endpoints.Wallet;

namespace JexSim.Server.Api.Catalogue;

/// <summary>
/// Every JEX endpoint JexSim serves, in one list. Routing, validation and weights come from it; so do exchangeInfo's
/// view of the surface, the OpenAPI document and README's endpoint table.
/// </summary>
public static class JexCatalogue
{
    public static IReadOnlyList<JexEndpoint> Endpoints { get; } =
    [
        .. GeneralEndpoints.All,
        .. SpotMarketDataEndpoints.All,
        .. SpotTradingEndpoints.All,
        .. OptionEndpoints.All,
        .. AccountEndpoints.All,
        .. UserStreamEndpoints.All,
        .. ContractCatalogue.Endpoints,
        .. WalletEndpoints.All,
    ];

    public static JexEndpoint? Find(string method, string path) =>
        Endpoints.FirstOrDefault(e => e.Method == method && string.Equals(e.Path, path, StringComparison.OrdinalIgnoreCase));

    public static void MapJexCatalogue(this IEndpointRouteBuilder routes)
    {
        foreach (var endpoint in Endpoints) routes.MapJex(endpoint);
    }
}
