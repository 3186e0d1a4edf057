using JexSim.Server.Endpoints.Contract;

namespace JexSim.Server.Api.Catalogue;

/// <summary>
/// Every endpoint of the contract market, declared and ready, but NOT part of <see cref="JexCatalogue.Endpoints"/> yet:
/// the handlers answer from <see cref="IContractMarket"/>, which the engine's contract market implements. To switch
/// the market on: register an IContractMarket with <see cref="AddContractMarket{T}"/>, add <see cref="Endpoints"/> to
/// JexCatalogue.Endpoints, and drop GeneralEndpoints' placeholder contractInfo (this list declares the real one).
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
