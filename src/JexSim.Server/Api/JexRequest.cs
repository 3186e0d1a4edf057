using System.Globalization;
using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Venue;

namespace JexSim.Server.Api;

/// <summary>A request that passed the catalogue's checks: typed access to its validated parameters and its caller.</summary>
public sealed class JexRequest
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly Dictionary<string, long> _scaled;

    internal JexRequest(HttpContext http, JexEndpoint endpoint, ExchangeVenue venue, ApiKey? apiKey,
        IReadOnlyDictionary<string, string> values, Dictionary<string, long> scaled, SymbolSpec? symbol)
    {
        Http = http;
        Endpoint = endpoint;
        Venue = venue;
        ApiKey = apiKey;
        _values = values;
        _scaled = scaled;
        SymbolOrNull = symbol;
    }

    public HttpContext Http { get; }
    public JexEndpoint Endpoint { get; }
    public ExchangeVenue Venue { get; }
    public ApiKey? ApiKey { get; }

    public long AccountId => ApiKey?.AccountId ?? throw new InvalidOperationException("endpoint has no API key");

    /// <summary>The resolved symbol parameter, when one was sent.</summary>
    public SymbolSpec? SymbolOrNull { get; }

    public SymbolSpec Symbol => SymbolOrNull ?? throw new InvalidOperationException("endpoint has no symbol");

    public bool Has(string name) => _values.ContainsKey(name);

    public string? String(string name) => _values.GetValueOrDefault(name);

    public long? OptionalLong(string name) => _values.TryGetValue(name, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : null;

    public long Long(string name) => OptionalLong(name) ?? Spec(name).Default ?? throw new InvalidOperationException($"{name} was not validated");

    public int Int(string name) => (int)Long(name);

    /// <summary>A decimal parameter as a scaled integer (10^8), already checked for scale and range.</summary>
    public long? Scaled(string name) => _scaled.TryGetValue(name, out var v) ? v : null;

    private ParamSpec Spec(string name) => Endpoint.AllParameters.First(p => p.Name == name);
}
