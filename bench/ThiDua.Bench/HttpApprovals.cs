using System.Diagnostics;
using System.Net.Http.Json;

namespace ThiDua.Bench;

/// <summary>
/// Approvals over HTTP against the real application on Kestrel (its own process, loopback): cookie authentication,
/// <c>POST /api/tasks/{id}/complete</c> with an idempotency key, <see cref="Connections"/> requests in flight at once.
/// Same three rounds as the in-process measure; the dossiers are submitted before the server starts, and each round
/// first approves a tenth more of them untimed (<see cref="DurableApprovals.WarmUpOf"/>).
/// </summary>
public static class HttpApprovals
{
    /// <summary>Requests in flight at once (BENCH_CONNECTIONS), as many browsers of secretaries and leaders would have.</summary>
    public static readonly int Connections = Env.PositiveInt("BENCH_CONNECTIONS", 16);

    public static async Task RunAsync(BenchOptions options, string synchronous, double raw, Report report)
    {
        var path = Path.Combine(options.DataFolder, $"http-{synchronous.ToLowerInvariant()}.db");
        var count = options.Scale(1500);
        var warm = DurableApprovals.WarmUpOf(count);
        await using (var app = await AppServices.CreateAsync(options, path, synchronous, fresh: true))
        {
            await app.SubmitDossiersAsync(count + warm, DurableApprovals.Workers);
        }

        await using var server = await ServerProcess.StartAsync(options, path, synchronous, new Dictionary<string, string?> { ["Email:Dispatcher:Enabled"] = "false" });
        var done = 0;
        var failed = 0;
        var elapsed = TimeSpan.Zero;
        var latencies = new List<double>();
        var between = new RawBetweenRounds(options, synchronous, raw);
        foreach (var (username, node, outcome) in DurableApprovals.Rounds)
        {
            using var client = await server.LoginAsync(username, Connections);
            var all = await OpenTasksAsync(path, node, username);
            async Task ApproveAsync(IEnumerable<Guid> tasks, bool timed) =>
                await Parallel.ForEachAsync(tasks, new ParallelOptions { MaxDegreeOfParallelism = Connections }, async (id, ct) =>
                {
                    var t = Stopwatch.GetTimestamp();
                    using var response = await client.PostAsJsonAsync($"/api/tasks/{id}/complete", new { outcome, idempotencyKey = Guid.NewGuid().ToString("N") }, ct);
                    var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                    if (timed)
                        lock (latencies)
                            latencies.Add(ms);
                    if (!response.IsSuccessStatusCode)
                    {
                        if (Interlocked.Increment(ref failed) <= 3)
                            Console.WriteLine($"    {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                    }
                });
            // Untimed, as a server that has been up a while (see DurableApprovals.WarmUpOf).
            await ApproveAsync(all.Take(warm), timed: false);
            var tasks = all.Skip(warm).ToList();
            between.Measure();
            var sw = Stopwatch.StartNew();
            await ApproveAsync(tasks, timed: true);
            elapsed += sw.Elapsed;
            done += tasks.Count;
        }
        between.Measure();
        latencies.Sort();
        var rate = (done - failed) / elapsed.TotalSeconds;
        report.Add($"approvals over HTTP, synchronous={synchronous} ({Connections} connections, cookie auth)", rate, "N0", "/s");
        between.Report(report, rate, "≥ 0.3", 0.3);
        report.Add("  HTTP approval latency p50 / p95", Stats.Percentile(latencies, 50), "0.0", $"ms / {Stats.Percentile(latencies, 95):0.0} ms");
        if (failed > 0)
            report.Note("  HTTP approvals refused", failed.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
