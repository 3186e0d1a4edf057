using JexSim.Server.RateLimiting;

namespace JexSim.Server.Reporting;

/// <summary>The running counts behind one <see cref="ClientReport"/> (not thread-safe: <see cref="ClientActivity"/> locks).</summary>
public sealed class ClientTally
{
    private readonly Dictionary<string, (int Count, int Rejected)> _endpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<int, ErrorSeen> _errors = new();
    private readonly Queue<NearEdgeRequest> _nearEdge = new();
    private int _requests, _rejected, _signed;
    private long _weightMinute = -1, _orderSecond = -1;
    private int _weightThisMinute, _ordersThisSecond;
    private int _peakWeight, _peakOrders;
    private long _peakWeightAt, _peakOrdersAt;
    private long _maxDrift;
    private double _maxWindowUsed;

    private sealed class ErrorSeen
    {
        public int Count;
        public int Status;
        public readonly List<string> Reasons = [];
        public readonly HashSet<string> Endpoints = new(StringComparer.Ordinal);
    }

    public void Add(ObservedRequest r)
    {
        _requests++;
        bool rejected = r.Code is not null || r.Status >= 400;
        if (rejected) _rejected++;
        var e = _endpoints.GetValueOrDefault(r.Endpoint);
        _endpoints[r.Endpoint] = (e.Count + 1, e.Rejected + (rejected ? 1 : 0));

        if (rejected)
        {
            int code = r.Code ?? 0; // 0: refused without a JEX code (an injected fault that sets only a status)
            if (!_errors.TryGetValue(code, out var seen)) _errors[code] = seen = new ErrorSeen { Status = r.Status };
            seen.Count++;
            seen.Endpoints.Add(r.Endpoint);
            if (r.Msg is { } msg && seen.Reasons.Count < 5 && !seen.Reasons.Contains(msg)) seen.Reasons.Add(msg);
        }

        long minute = r.Time / 60_000;
        if (minute != _weightMinute) (_weightMinute, _weightThisMinute) = (minute, 0);
        _weightThisMinute += r.Weight;
        if (_weightThisMinute > _peakWeight) (_peakWeight, _peakWeightAt) = (_weightThisMinute, minute * 60_000);

        if (r.CountsAsOrder)
        {
            long second = r.Time / 1000;
            if (second != _orderSecond) (_orderSecond, _ordersThisSecond) = (second, 0);
            if (++_ordersThisSecond > _peakOrders) (_peakOrders, _peakOrdersAt) = (_ordersThisSecond, second * 1000);
        }

        if (r.Drift is { } d)
        {
            _signed++;
            _maxDrift = Math.Max(_maxDrift, Math.Abs(d.DriftMs));
            _maxWindowUsed = Math.Max(_maxWindowUsed, d.WindowUsed);
            if (d.WindowUsed >= ClientActivity.NearEdgeFraction || r.Code == -1021)
            {
                _nearEdge.Enqueue(new NearEdgeRequest(r.Time, r.Endpoint, d.Timestamp, d.ServerTime, d.RecvWindow, d.DriftMs, d.WindowUsed, r.Code));
                while (_nearEdge.Count > ClientActivity.MaxNearEdge) _nearEdge.Dequeue();
            }
        }
    }

    public ClientReport ToReport(string? apiKey, long since, long now, RateLimitOptions limits) => new(
        apiKey, since, now, _requests, _requests - _rejected, _rejected,
        _endpoints.OrderByDescending(x => x.Value.Count).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => new EndpointCount(x.Key, x.Value.Count, x.Value.Rejected)).ToList(),
        _errors.OrderByDescending(x => x.Value.Count).ThenBy(x => x.Key)
            .Select(x => new ErrorCount(x.Key, x.Value.Status, x.Value.Count, x.Value.Reasons.ToList(), x.Value.Endpoints.Order(StringComparer.Ordinal).ToList())).ToList(),
        new RateLimitHeadroom(limits.Enabled,
            new LimitUse("REQUEST_WEIGHT", "MINUTE", limits.RequestWeightPerMinute, _peakWeight, _peakWeight == 0 ? null : _peakWeightAt, Share(_peakWeight, limits.RequestWeightPerMinute)),
            new LimitUse("ORDERS", "SECOND", limits.OrdersPerSecond, _peakOrders, _peakOrders == 0 ? null : _peakOrdersAt, Share(_peakOrders, limits.OrdersPerSecond))),
        new RecvWindowUse(ClientActivity.NearEdgeFraction, _signed, _maxDrift, Math.Round(_maxWindowUsed, 3), _nearEdge.Reverse().ToList()));

    private static double Share(int used, int limit) => limit <= 0 ? 0 : Math.Round((double)used / limit, 3);
}
