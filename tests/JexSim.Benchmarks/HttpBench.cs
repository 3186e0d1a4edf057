using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace JexSim.Benchmarks;

public sealed record HttpStats(string Name, int Connections, long Requests, long Errors, double Seconds, double P50Ms, double P99Ms)
{
    public double Rps => Requests / Seconds;
}

/// <summary>
/// A closed-loop HTTP load generator: <c>connections</c> workers, each with its own keep-alive connection, send
/// requests back to back for a fixed time. It runs in the benchmark process, a second process from the server.
/// .NET rather than wrk: every signed order needs a fresh timestamp and an HMAC-SHA256 signature, which wrk's Lua
/// cannot compute; using one generator for every endpoint keeps the ratios (order vs ping) apples to apples.
/// </summary>
public static class HttpLoad
{
    public delegate HttpRequestMessage RequestFactory(int worker, long sequence);

    public static async Task<HttpStats> Run(string name, Uri baseAddress, int connections, TimeSpan warmup, TimeSpan duration, RequestFactory request)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false, AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var latencies = new List<long>[connections];
        long errors = 0;
        var start = Stopwatch.GetTimestamp();
        long measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        long end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<long>(100_000);
            long seq = 0;
            while (true)
            {
                long t0 = Stopwatch.GetTimestamp();
                if (t0 >= end) break;
                bool ok;
                try
                {
                    using var response = await http.SendAsync(request(w, seq++), HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
                    ok = response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException) { ok = false; }
                catch (TaskCanceledException) { ok = false; }
                long t1 = Stopwatch.GetTimestamp();
                if (t0 < measureFrom) continue;
                if (ok) mine.Add(t1 - t0); else Interlocked.Increment(ref errors);
            }
        })).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        double ms(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(q * all.Length))] * 1000.0 / Stopwatch.Frequency;
        return new HttpStats(name, connections, all.Length, errors, duration.TotalSeconds, ms(0.5), ms(0.99));
    }

    public static RequestFactory Get(string pathAndQuery) => (_, _) => new HttpRequestMessage(HttpMethod.Get, pathAndQuery);

    /// <summary>
    /// Signed LIMIT orders that keep the book shallow and every order accepted: each worker alternates a BUY at 31000
    /// and a SELL at 29000 on BTCUSDT, so buys rest and the next sells take them (trades, balances, candles all written).
    /// </summary>
    public static RequestFactory SignedOrders(IReadOnlyList<(string Key, string Secret)> accounts)
    {
        var macs = accounts.Select(a => Encoding.UTF8.GetBytes(a.Secret)).ToArray();
        return (worker, seq) =>
        {
            int a = worker % accounts.Count;
            string side = seq % 2 == 0 ? "side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=31000" : "side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.001&price=29000";
            string payload = $"symbol=BTCUSDT&{side}&recvWindow=60000&timestamp={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
            string signature = Convert.ToHexStringLower(HMACSHA256.HashData(macs[a], Encoding.UTF8.GetBytes(payload)));
            var r = new HttpRequestMessage(HttpMethod.Post, "/api/v1/spot/order")
            {
                Content = new StringContent(payload + "&signature=" + signature, Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            r.Headers.Add("X-JEX-APIKEY", accounts[a].Key);
            return r;
        };
    }
}
