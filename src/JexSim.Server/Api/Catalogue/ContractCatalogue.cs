using JexSim.Server.Endpoints.Contract;

namespace JexSim.Server.Api.Catalogue;

/// <summary>
/// Every endpoint of the contract market (part of <see cref="JexCatalogue.Endpoints"/>). The handlers answer from
/// <see cref="IContractMarket"/>, which the venue's <see cref="Venue.ContractMarket"/> implements over the engine's
/// contract market; Program registers it with <see cref="AddContractMarket{T}"/>.
/// </summary>
public static class ContractCatalogue
{
    public static IEnumerable<JexEndpoint> Endpoints =>
    [
        .. ContractMarketDataEndpoints.All,
        .. ContractTradingEndpoints.All,
        .. ContractAccountEndpoints.All,
    ];

    public static IServiceCollection AddContractMarket<T>(this IServiceCollection services) where T : class, IContractMarket =>
        services.AddSingleton<IContractMarket, T>();
}
