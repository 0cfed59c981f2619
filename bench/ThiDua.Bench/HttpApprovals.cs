using System.Diagnostics;
using System.Net.Http.Json;

namespace ThiDua.Bench;

/// <summary>
/// Approvals over HTTP against the real application on Kestrel (its own process, loopback): cookie authentication,
/// <c>POST /api/tasks/{id}/complete</c> with an idempotency key, <see cref="Connections"/> requests in flight at once.
/// Same three rounds as the in-process measure; the dossiers are submitted before the server starts, as many again are
/// first taken through all three steps untimed (<see cref="SettleOf"/>), and each round first approves more untimed
/// until the server's runtime has stopped compiling (<see cref="DurableApprovals.WarmUpAsync"/>).
/// </summary>
public static class HttpApprovals
{
    /// <summary>Requests in flight at once (BENCH_CONNECTIONS), as many browsers of secretaries and leaders would have.</summary>
    public static readonly int Connections = Env.PositiveInt("BENCH_CONNECTIONS", 16);

    /// <summary>
    /// Dossiers taken through all three steps, untimed, before the first round: as many as are measured. The server is
    /// published ReadyToRun, and the runtime compiles its hot paths twice more once they are hot (with profiling probes,
    /// then optimized from what those measured). With only each round's tenth before it, the first round still ran on
    /// that code: 268 approvals/s against 586–641 for the next two, with 1.8 of its 5.6 seconds of CPU in the
    /// compiler's thread. Settling half the count first gave a first round of 379–420/s, the full count 483–559/s
    /// (the in-process bench, whose first step costs more too, runs it at about two thirds of the others). A server
    /// that has been up a while has done all of that.
    /// </summary>
    public static int SettleOf(int count) => count >= 20 ? count : 0;

    public static async Task RunAsync(BenchOptions options, string synchronous, double raw, Report report)
    {
        var path = Path.Combine(options.DataFolder, $"http-{synchronous.ToLowerInvariant()}.db");
        var count = Env.PositiveInt("BENCH_COUNT", options.Scale(1500));
        var warm = DurableApprovals.MostWarmUpOf(count);
        var settle = SettleOf(count);
        await using (var app = await AppServices.CreateAsync(options, path, synchronous, fresh: true))
        {
            await app.SubmitDossiersAsync(count + warm + settle, DurableApprovals.Workers);
        }

        await using var server = await ServerProcess.StartAsync(options, path, synchronous, new Dictionary<string, string?> { ["Email:Dispatcher:Enabled"] = "false" });
        var untimedFailed = new Failures();
        foreach (var (username, node, outcome) in DurableApprovals.Rounds)
        {
            using var client = await server.LoginAsync(username, Connections);
            await ApproveAsync(client, (await OpenTasksAsync(path, node, username)).Take(settle), outcome, untimedFailed, latencies: null);
        }

        var done = 0;
        var failed = new Failures();
        var elapsed = TimeSpan.Zero;
        TimeSpan serverCpu = TimeSpan.Zero, clientCpu = TimeSpan.Zero, compilerCpu = TimeSpan.Zero;
        var latencies = new List<double>();
        var rounds = new List<string>();
        var between = new RawBetweenRounds(options, synchronous, raw);
        foreach (var (username, node, outcome) in DurableApprovals.Rounds)
        {
            using var client = await server.LoginAsync(username, Connections);
            var all = await OpenTasksAsync(path, node, username);
            // Untimed, as a server that has been up a while. After the settling above, the first timed round still had
            // the server's compiler thread at 15% of its CPU (perf), the other two under 1%.
            var untimed = await DurableApprovals.WarmUpAsync(t => ApproveAsync(client, t, outcome, untimedFailed, latencies: null),
                all, warm, Connections, () => server.ReadCompilerCpuTime().Ticks);
            var tasks = all.Skip(untimed).ToList();
            between.Measure();
            var (server0, client0, compiler0) = (server.CpuTime, Environment.CpuUsage.TotalTime, server.ReadCompilerCpuTime());
            var sw = Stopwatch.StartNew();
            await ApproveAsync(client, tasks, outcome, failed, latencies);
            elapsed += sw.Elapsed;
            serverCpu += server.CpuTime - server0;
            clientCpu += Environment.CpuUsage.TotalTime - client0;
            compilerCpu += server.ReadCompilerCpuTime() - compiler0;
            done += tasks.Count;
            rounds.Add($"{node} {tasks.Count / sw.Elapsed.TotalSeconds:N0} ({untimed} untimed first)");
        }
        between.Measure();
        latencies.Sort();
        var rate = (done - failed.Count) / elapsed.TotalSeconds;
        report.Add($"approvals over HTTP, synchronous={synchronous} ({Connections} connections, cookie auth)", rate, "N0", "/s");
        report.Note("  each round (step, approvals/s)", string.Join(" · ", rounds));
        between.Report(report, rate, "≥ 0.3", 0.3);
        // Both processes share the two cores: what the load generator takes is not the server's to use.
        report.Note("  CPU per HTTP approval: server / load generator", $"{serverCpu.TotalMilliseconds / done:0.00} ms / {clientCpu.TotalMilliseconds / done:0.00} ms");
        report.Note("  server's compiler thread during the timed rounds", $"{compilerCpu.TotalMilliseconds:N0} ms of {serverCpu.TotalMilliseconds:N0} ms");
        report.Add("  HTTP approval latency p50 / p95", Stats.Percentile(latencies, 50), "0.0", $"ms / {Stats.Percentile(latencies, 95):0.0} ms");
        if (failed.Count + untimedFailed.Count > 0)
            report.Note("  HTTP approvals refused (timed, untimed)", $"{failed.Count}, {untimedFailed.Count}");
    }

    /// <summary>Completes the tasks, <see cref="Connections"/> at a time; the latencies are kept when a list is given.</summary>
    private static Task ApproveAsync(HttpClient client, IEnumerable<Guid> tasks, string outcome, Failures failed, List<double>? latencies) =>
        Parallel.ForEachAsync(tasks, new ParallelOptions { MaxDegreeOfParallelism = Connections }, async (id, ct) =>
        {
            var t = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync($"/api/tasks/{id}/complete", new { outcome, idempotencyKey = Guid.NewGuid().ToString("N") }, ct);
            var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            if (latencies is not null)
                lock (latencies)
                    latencies.Add(ms);
            if (!response.IsSuccessStatusCode && failed.Add() <= 3)
                Console.WriteLine($"    {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        });

    /// <summary>Refused approvals, counted across the parallel requests.</summary>
    private sealed class Failures
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public int Add() => Interlocked.Increment(ref _count);
    }

    private static async Task<List<Guid>> OpenTasksAsync(string databasePath, string nodeId, string username)
    {
        await using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT b.Id FROM Bookmarks b
            WHERE b.Status = 0 AND b.Kind = 0 AND b.NodeId = $n
              AND b.AssigneeOrgId IN (SELECT r.OrgId FROM UserRoles r JOIN Users u ON u.Id = r.UserId WHERE u.Username = $u)
            ORDER BY b.CreatedAt
            """;
        cmd.Parameters.AddWithValue("$n", nodeId);
        cmd.Parameters.AddWithValue("$u", username);
        var ids = new List<Guid>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            ids.Add(Guid.Parse(r.GetString(0)));
        return ids;
    }
}
