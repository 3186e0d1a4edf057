using System.Net;
using System.Net.WebSockets;
using JexSim.Server.Tests.Durability;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Hardening;

/// <summary>Real server processes: one server per database, and SIGTERM with clients connected.</summary>
public sealed class ProcessLifecycleTests
{
    private static string NewDatabase() =>
        Path.Combine(Directory.CreateTempSubdirectory("jexsim-process").FullName, "jexsim.db");

    [Fact]
    public async Task A_second_server_on_a_database_in_use_refuses_to_start_naming_the_file_and_the_process_and_a_stale_lock_does_not_block()
    {
        string database = NewDatabase();
        string fixture = JexSimFactory.FixturePath("quiet.json");
        try
        {
            await using var first = await ServerProcess.StartAsync(database, fixture, "Normal", TimeSpan.FromSeconds(30));
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(database, fixture, "Normal", TimeSpan.FromSeconds(30)));
            Assert.Contains("exited with 2", refused.Message);
            Assert.Contains($"The database {database} is in use by process {first.Pid}", refused.Message);

            // The first one still serves, its database untouched by the second.
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/ping")).StatusCode);

            first.Kill(); // SIGKILL: the lock file stays behind, the lock itself dies with the process
            Assert.True(File.Exists(database + ".lock"));
            await using var restarted = await ServerProcess.StartAsync(database, fixture, "Normal", TimeSpan.FromSeconds(30));
            using var again = new HttpClient { BaseAddress = restarted.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/health")).StatusCode);
        }
        finally { Directory.Delete(Path.GetDirectoryName(database)!, recursive: true); }
    }

    [Fact]
    public async Task A_database_folder_that_cannot_be_written_is_one_line_naming_the_path()
    {
        var dir = Directory.CreateTempSubdirectory("jexsim-unwritable");
        try
        {
            string notAFolder = Path.Combine(dir.FullName, "data");
            File.WriteAllText(notAFolder, "a file where the database folder should be");
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                ServerProcess.StartAsync(Path.Combine(notAFolder, "jexsim.db"), JexSimFactory.FixturePath("quiet.json"), "Normal", TimeSpan.FromSeconds(30)));
            var lines = refused.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
            var line = Assert.Single(lines, l => l.StartsWith("JexSim cannot start"));
            Assert.Contains($"Cannot write the database folder {notAFolder}", line);
            Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at "));  // no stack trace
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public async Task SIGTERM_with_websocket_and_http_clients_connected_drains_the_queue_and_exits_within_5_seconds()
    {
        string database = NewDatabase();
        string fixture = JexSimFactory.FixturePath("quiet.json");
        try
        {
            long orderId;
            await using (var server = await ServerProcess.StartAsync(database, fixture, "Normal", TimeSpan.FromSeconds(30)))
            {
                var sockets = new List<ClientWebSocket>();
                for (int i = 0; i < 3; i++)
                {
                    var ws = new ClientWebSocket();
                    await ws.ConnectAsync(new Uri($"ws://{server.BaseAddress.Authority}/ws/btcusdt@spotDepth5"), CancellationToken.None);
                    sockets.Add(ws);
                }
                // Each client reads until the server closes it, so it answers the close handshake as a real client does.
                var closes = sockets.Select(ReadUntilClosed).ToList();
                using var http = new HttpClient { BaseAddress = server.BaseAddress };
                var alice = new JexClient(http, DemoAccounts.AliceKey, DemoAccounts.AliceSecret, () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                var placed = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29000&newOrderRespType=RESULT");
                Assert.Equal(HttpStatusCode.OK, placed.Status);
                orderId = placed.Json.GetProperty("orderId").GetInt64();

                var exit = server.Terminate(TimeSpan.FromSeconds(8));
                Assert.True(exit is not null, $"still running 8 s after SIGTERM:\n{server.Log}");
                Assert.True(exit.Value.Elapsed < TimeSpan.FromSeconds(5), $"exited after {exit.Value.Elapsed.TotalSeconds:0.0} s:\n{server.Log}");
                Assert.Equal(0, exit.Value.ExitCode);
                // Every socket was closed by the server with 1001 ("Server shutting down"), not just dropped.
                foreach (var close in closes)
                    Assert.Equal((WebSocketCloseStatus?)WebSocketCloseStatus.EndpointUnavailable, await close.WaitAsync(TimeSpan.FromSeconds(5)));
                foreach (var ws in sockets) ws.Dispose();
            }
            // The acknowledged order is there after a restart; the lock was released by the clean exit.
            await using var restarted = await ServerProcess.StartAsync(database, fixture, "Normal", TimeSpan.FromSeconds(30));
            using var again = new HttpClient { BaseAddress = restarted.BaseAddress };
            var client = new JexClient(again, DemoAccounts.AliceKey, DemoAccounts.AliceSecret, () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            var query = await client.Signed(HttpMethod.Get, "/api/v1/spot/order", $"symbol=BTCUSDT&orderId={orderId}", inBody: false);
            Assert.Equal(HttpStatusCode.OK, query.Status);
            Assert.Equal("NEW", query.Json.GetProperty("status").GetString());
        }
        finally { Directory.Delete(Path.GetDirectoryName(database)!, recursive: true); }
    }

    private static async Task<WebSocketCloseStatus?> ReadUntilClosed(ClientWebSocket ws)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var r = await ws.ReceiveAsync(buffer, CancellationToken.None);
                if (r.MessageType != WebSocketMessageType.Close) continue;
                var status = ws.CloseStatus;
                try { await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); }
                catch (WebSocketException) { } // the server may already have gone
                return status;
            }
        }
        catch (WebSocketException) { return null; } // dropped without a close frame
    }
}
