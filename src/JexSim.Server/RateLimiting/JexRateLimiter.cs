using System.Collections.Concurrent;
using System.Net;
using JexSim.Server.Api;
using Microsoft.Extensions.Options;

namespace JexSim.Server.RateLimiting;

/// <summary>What the limiter said about one request: counted or not, the weight used so far, or the refusal.</summary>
public readonly record struct RequestAdmission(bool Counted, int UsedWeight, JexError? Refusal, long RetryAfterMs)
{
    public static readonly RequestAdmission NotCounted = new(false, 0, null, 0);
}

/// <summary>What the limiter said about one order: counted or not, the account's order counts, or the refusal.</summary>
public readonly record struct OrderAdmission(bool Counted, int OrdersThisSecond, int OrdersToday, JexError? Refusal, long RetryAfterMs)
{
    public static readonly OrderAdmission NotCounted = new(false, 0, 0, null, 0);
}

/// <summary>
/// The venue's rate limits, exactly as exchangeInfo advertises them: REQUEST_WEIGHT per IP per minute, RAW_REQUESTS
/// per IP per 5 minutes, ORDERS per account per second and per day. Fixed windows of the venue clock.
/// <para>
/// Over a limit: HTTP 429 (-1003 for IP limits, -1015 for order limits) with Retry-After = seconds to the window's end.
/// An IP that keeps sending during that back-off collects refusals; past <see cref="RefusalsBeforeBan"/> it is banned
/// (HTTP 418, -1003, Retry-After = seconds to the ban's end) for the next duration of <see cref="BanSchedule"/>.
/// </para>
/// The hot path takes no lock: per-IP and per-account counters in concurrent dictionaries, updated with CAS.
/// Only refusals (rare) lock the one IP's state.
/// </summary>
public sealed class JexRateLimiter(IOptions<RateLimitOptions> options, TimeProvider clock)
{
    /// <summary>429s one IP may collect in one back-off period; the next request during it starts a ban.</summary>
    public const int RefusalsBeforeBan = 5;

    /// <summary>Ban durations for an IP's 1st, 2nd, ... ban; the last one repeats.</summary>
    public static readonly IReadOnlyList<TimeSpan> BanSchedule =
    [
        TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1),
        TimeSpan.FromHours(3), TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(3),
    ];

    /// <summary>An IP with no ban for this long after its last one ended starts again at the first duration.</summary>
    public static readonly TimeSpan BanMemory = TimeSpan.FromDays(3);

    private readonly RateLimitOptions _limits = options.Value;
    private readonly ConcurrentDictionary<IPAddress, ClientState> _clients = new();
    private readonly ConcurrentDictionary<long, AccountState> _accounts = new();

    public bool Enabled => _limits.Enabled;

    public RateLimitOptions Limits => _limits;

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Forgets every counter and ban (admin reset, DELETE /admin/v1/rateLimits): every IP and account starts afresh.</summary>
    public void Clear()
    {
        _clients.Clear();
        _accounts.Clear();
    }

    /// <summary>How many IPs are banned or backing off right now (for the admin API).</summary>
    public (int Tracked, int Refusing) Status()
    {
        long now = Now;
        return (_clients.Count, _clients.Values.Count(c => Volatile.Read(ref c.BannedUntil) > now || Volatile.Read(ref c.BackoffUntil) > now));
    }

    /// <summary>The rate-limited identity of a request: its remote IP (<see cref="IPAddress.None"/> for in-process test hosts, which have none).</summary>
    public static IPAddress ClientOf(HttpContext http) => http.Connection.RemoteIpAddress ?? IPAddress.None;

    /// <summary>Counts one request of <paramref name="weight"/> against the IP's limits, or refuses it (429/418).</summary>
    public RequestAdmission AdmitRequest(IPAddress client, int weight)
    {
        if (!_limits.Enabled) return RequestAdmission.NotCounted;
        long now = Now;
        var state = _clients.GetOrAdd(client, static _ => new ClientState());
        while (true)
        {
            if (Volatile.Read(ref state.BannedUntil) > now || Volatile.Read(ref state.BackoffUntil) > now)
            {
                if (state.Refuse(now) is { } refused) return refused;
                continue; // the back-off ended meanwhile
            }
            if (!state.Raw.TryAdd(now, 1, _limits.RawRequestsPer5Minutes, out _))
                return state.Throttle(now, JexErrors.RawRequestsExceeded(_limits.RawRequestsPer5Minutes), state.Raw.UntilReset(now));
            if (!state.Weight.TryAdd(now, weight, _limits.RequestWeightPerMinute, out int used))
            {
                state.Raw.Remove(now, 1);
                return state.Throttle(now, JexErrors.RequestWeightExceeded(_limits.RequestWeightPerMinute), state.Weight.UntilReset(now));
            }
            return new RequestAdmission(true, used, null, 0);
        }
    }

    /// <summary>Counts one new order of an account against ORDERS per second and per day, or refuses it (429, -1015).</summary>
    /// <summary>A route an account may call once per second (DELETE contract/batchOrder): -1003 with 429 when called again within the second.</summary>
    public JexError? AdmitOncePerSecond(string route, long accountId, out long retryAfterMs)
    {
        retryAfterMs = 0;
        if (!_limits.Enabled) return null;
        long now = Now;
        var counter = _perSecondRoutes.GetOrAdd((route, accountId), static _ => new FixedWindowCounter(1000));
        if (counter.TryAdd(now, 1, 1, out _)) return null;
        retryAfterMs = counter.UntilReset(now);
        return JexErrors.RouteCallsExceeded(route);
    }

    private readonly ConcurrentDictionary<(string Route, long Account), FixedWindowCounter> _perSecondRoutes = new();

    public OrderAdmission AdmitOrder(long accountId)
    {
        if (!_limits.Enabled) return OrderAdmission.NotCounted;
        long now = Now;
        var state = _accounts.GetOrAdd(accountId, static _ => new AccountState());
        if (!state.Second.TryAdd(now, 1, _limits.OrdersPerSecond, out int second))
            return new(true, second, state.Day.Used(now), JexErrors.TooManyOrders(_limits.OrdersPerSecond, "SECOND"), state.Second.UntilReset(now));
        if (!state.Day.TryAdd(now, 1, _limits.OrdersPerDay, out int day))
        {
            state.Second.Remove(now, 1);
            return new(true, second - 1, day, JexErrors.TooManyOrders(_limits.OrdersPerDay, "DAY"), state.Day.UntilReset(now));
        }
        return new(true, second, day, null, 0);
    }

    private sealed class ClientState
    {
        public readonly FixedWindowCounter Weight = new(60_000);
        public readonly FixedWindowCounter Raw = new(5 * 60_000);
        private readonly Lock _gate = new();
        public long BannedUntil;
        public long BackoffUntil;
        private JexError? _backoffError;
        private int _refusedInBackoff;
        private int _bans;
        private long _lastBanEnd;

        /// <summary>A limit was just crossed: the IP backs off until the window ends.</summary>
        public RequestAdmission Throttle(long now, JexError error, long untilReset)
        {
            lock (_gate)
            {
                if (BannedUntil > now) return Banned(now);
                if (BackoffUntil <= now)
                {
                    _backoffError = error;
                    _refusedInBackoff = 0;
                    Volatile.Write(ref BackoffUntil, now + untilReset);
                }
                return Refused(now);
            }
        }

        /// <summary>A request while banned or backing off; null when that period has just ended.</summary>
        public RequestAdmission? Refuse(long now)
        {
            lock (_gate)
            {
                if (BannedUntil > now) return Banned(now);
                if (BackoffUntil <= now) return null;
                return _refusedInBackoff >= RefusalsBeforeBan ? Ban(now) : Refused(now);
            }
        }

        private RequestAdmission Refused(long now)
        {
            _refusedInBackoff++;
            return new(true, Weight.Used(now), _backoffError, BackoffUntil - now);
        }

        private RequestAdmission Ban(long now)
        {
            if (now - _lastBanEnd > BanMemory.TotalMilliseconds) _bans = 0;
            var duration = BanSchedule[Math.Min(_bans, BanSchedule.Count - 1)];
            _bans++;
            _lastBanEnd = now + (long)duration.TotalMilliseconds;
            Volatile.Write(ref BannedUntil, _lastBanEnd);
            Volatile.Write(ref BackoffUntil, 0);
            _refusedInBackoff = 0;
            return Banned(now);
        }

        private RequestAdmission Banned(long now) => new(true, Weight.Used(now), JexErrors.IpBanned(BannedUntil), BannedUntil - now);
    }

    private sealed class AccountState
    {
        public readonly FixedWindowCounter Second = new(1000);
        public readonly FixedWindowCounter Day = new(86_400_000);
    }
}
