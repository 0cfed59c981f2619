using System.Diagnostics;
using System.Text.Json;

namespace ThiDua.Bench;

/// <summary>
/// The 1,000,000-dossier run: start-up time with the pending timers, inbox and tracking-board latencies over HTTP
/// (the server in its own process, one request at a time), and the server's peak resident memory during the run.
/// The generated database is kept in the data folder and reused while the generator is unchanged; any migration
/// added since is applied by an untimed first start.
/// </summary>
public static class BigDatabase
{
    /// <summary>Bump when the generator changes, so an old file is not reused.</summary>
    private const int GeneratorVersion = 1;

    /// <summary>A request timed in the query run. Pages are reported beside the targets, not counted in them.</summary>
    private sealed record Scenario(string Name, string User, string Url, bool Inbox, bool Page = false);

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var path = Path.Combine(options.DataFolder, $"big-{options.Dossiers}-{options.Timers}-v{GeneratorVersion}.db");
        await EnsureAsync(options, path);
        KeepTimersPending(path);
        var label = $"{options.Dossiers:N0} dossiers";

        // Untimed: applies migrations added since the file was generated, and warms the OS file cache.
        await using (await ServerProcess.StartAsync(options, path, "FULL"))
        {
        }
        var starts = new List<double>();
        var signedIn = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await using var s = await ServerProcess.StartAsync(options, path, "FULL");
            starts.Add(s.StartupTime.TotalMilliseconds);
            // What a person who signs in at once waits for: the first database work (EF Core's first context and
            // queries) comes with the first signed-in page, not with the login form.
            using var client = await s.LoginAsync("bench.p0.d0.u0.lanhdao", 1);
            using (var overview = await client.GetAsync("/"))
                overview.EnsureSuccessStatusCode();
            signedIn.Add(s.SinceStart.TotalMilliseconds);
        }
        starts.Sort();
        signedIn.Sort();
        report.Add($"startup, {options.Timers:N0} pending timers, {label} (median of 3)", starts[1], "N0", "ms", "≤ 1000 ms", starts[1] <= 1000);
        report.Add("  then signed in and the overview shown, from the start (median of 3)", signedIn[1], "N0", "ms");
        // The same on the small demo database: what start-up costs whatever the data (runtime, JIT, EF model, Quartz).
        var small = Path.Combine(options.DataFolder, "startup-demo.db");
        await using (await AppServices.CreateAsync(options, small, "FULL", fresh: true))
        {
        }
        var smallStarts = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await using var s = await ServerProcess.StartAsync(options, small, "FULL");
            smallStarts.Add(s.StartupTime.TotalMilliseconds);
        }
        smallStarts.Sort();
        report.Add("  startup on the demo database, for comparison (median of 3)", smallStarts[1], "N0", "ms");

        await using var server = await ServerProcess.StartAsync(options, path, "FULL");
        var scenarios = Scenarios();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in scenarios.Select(s => s.User).Distinct())
            clients[user] = await server.LoginAsync(user, 1);

        // Steady state, as a server that has been up a while: every scenario is run a few times before any is timed, so
        // the first one timed does not also pay for the runtime recompiling the hot paths and the caches filling.
        foreach (var s in scenarios)
            for (var i = 0; i < 10; i++)
                using (var response = await clients[s.User].GetAsync(s.Url))
                    response.EnsureSuccessStatusCode();

        var iterations = options.Quick ? 15 : 40;
        var all = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        var perScenario = new List<(Scenario S, double P50, double P95, string Info)>();
        foreach (var s in scenarios)
        {
            var client = clients[s.User];
            var times = new List<double>();
            string info = "";
            for (var i = 0; i < iterations + 3; i++)
            {
                var t = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(s.Url);
                var body = await response.Content.ReadAsStringAsync();
                var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{s.Name}: {(int)response.StatusCode} {body}");
                if (i < 3)
                {
                    info = s.Page ? $"{body.Length / 1024:N0} KB" : Describe(body, s.Inbox);
                    continue;
                }
                times.Add(ms);
            }
            times.Sort();
            if (!s.Page)
                all[s.Inbox].AddRange(times);
            perScenario.Add((s, Stats.Percentile(times, 50), Stats.Percentile(times, 95), info));
        }
        var rss = server.StatusKb("VmHWM") / 1024.0;

        foreach (var inbox in new[] { true, false })
        {
            var times = all[inbox];
            times.Sort();
            var name = inbox ? "inbox GET /api/tasks" : "tracking board GET /api/dossiers";
            var worst = perScenario.Where(p => p.S.Inbox == inbox && !p.S.Page).Max(p => p.P95);
            report.Add($"{name}, {label}: p50 (all scenarios)", Stats.Percentile(times, 50), "0.0", "ms");
            report.Add($"{name}, {label}: p95 (all scenarios)", Stats.Percentile(times, 95), "0.0", "ms", "≤ 20 ms", Stats.Percentile(times, 95) <= 20);
            report.Add($"{name}, {label}: worst scenario p95", worst, "0.0", "ms", "≤ 20 ms", worst <= 20);
            foreach (var (s, p50, p95, info) in perScenario.Where(p => p.S.Inbox == inbox && !p.S.Page))
                report.Note($"    {s.Name} [{info}]", $"p50 {p50:0.0} ms, p95 {p95:0.0} ms");
        }
        foreach (var (s, p50, p95, info) in perScenario.Where(p => p.S.Page))
            report.Note($"  page {s.Name} [{info}]", $"p50 {p50:0.0} ms, p95 {p95:0.0} ms");
        report.Add($"server peak RSS (VmHWM) during the {label} query run", rss, "N0", "MB", "≤ 400 MB", rss <= 400);
        foreach (var c in clients.Values)
            c.Dispose();
    }

    private static string Describe(string body, bool inbox)
    {
        using var doc = JsonDocument.Parse(body);
        return inbox
            ? $"{doc.RootElement.GetArrayLength()} tasks"
            : $"{doc.RootElement.GetProperty("total").GetInt32():N0} found";
    }

    private static List<Scenario> Scenarios()
    {
        static string q(string s) => Uri.EscapeDataString(s);
        return
        [
            new("inbox: unit leader", "bench.p0.d0.u0.lanhdao", "/api/tasks", true),
            new("inbox: Sở secretary", "bench.p0.d0.thuky", "/api/tasks", true),
            new("inbox: Sở council member (votes)", "bench.p0.d0.hd1", "/api/tasks", true),
            new("inbox: Sở Nội vụ secretary", "bench.p0.snv.thuky", "/api/tasks", true),
            new("inbox: province leader", "bench.p0.lanhdao", "/api/tasks", true),
            new("inbox: unit secretary (returned dossiers)", "bench.p0.d0.u0.thuky", "/api/tasks", true),
            new("inbox: Ban TĐKT TW (whole country)", "chuyenvien.tw", "/api/tasks", true),
            new("board: admin, all, page 1", "admin", "/api/dossiers", false),
            new("board: admin, InProgress", "admin", "/api/dossiers?status=InProgress", false),
            new("board: admin, search 'nguyen van thanh'", "admin", $"/api/dossiers?q={q("nguyen van thanh")}", false),
            new("board: admin, search 'Thảo' + Approved + award", "admin", $"/api/dossiers?q={q("Thảo")}&status=Approved&awardForm=bang-khen-tinh", false),
            new("board: admin, province subtree + InProgress", "admin", "/api/dossiers?org=bench-p3&status=InProgress", false),
            new("board: admin, level Tỉnh + InProgress", "admin", $"/api/dossiers?level={q("Tỉnh")}&status=InProgress", false),
            new("board: admin, overdue", "admin", "/api/dossiers?overdue=true", false),
            new("board: admin, page 50", "admin", "/api/dossiers?page=50", false),
            new("board: Sở Nội vụ secretary, all", "bench.p0.snv.thuky", "/api/dossiers", false),
            new("board: province leader, search 'tran thi'", "bench.p0.lanhdao", $"/api/dossiers?q={q("tran thi")}", false),
            new("board: Sở secretary, Approved", "bench.p0.d0.thuky", "/api/dossiers?status=Approved", false),
            new("board: Sở secretary, overdue", "bench.p0.d0.thuky", "/api/dossiers?overdue=true", false),
            new("board: unit secretary, all, page 2", "bench.p0.d0.u0.thuky", "/api/dossiers?page=2", false),
            new("board: Ban TĐKT TW, InProgress", "chuyenvien.tw", "/api/dossiers?status=InProgress", false),
            // The pages people land on: the overview's counts and the inbox page, rendered on the server.
            new("overview /: Ban TĐKT TW", "chuyenvien.tw", "/", false, Page: true),
            new("overview /: province leader", "bench.p0.lanhdao", "/", false, Page: true),
            new("overview /: unit leader", "bench.p0.d0.u0.lanhdao", "/", false, Page: true),
            new("overview /: admin", "admin", "/", false, Page: true),
            new("inbox page /hop-viec: Ban TĐKT TW", "chuyenvien.tw", "/hop-viec", false, Page: true),
        ];
    }

    /// <summary>
    /// The run measures a start with pending timers, and queries while nothing else runs. The generated timers are
    /// placeholders, not steps their dossiers are at, so one that falls due cannot be resumed: a kept file used days
    /// after it was made had hundreds due, tried and logged as failures at every poll, in the middle of the query run.
    /// Those that are due within a day are moved two months on.
    /// </summary>
    private static void KeepTimersPending(string path)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var tx = c.BeginTransaction();
        using var select = c.CreateCommand();
        select.Transaction = tx;
        select.CommandText = "SELECT Id, ResumeAt FROM Bookmarks WHERE Kind = 2 AND Status = 0 AND ResumeAt < $soon";
        select.Parameters.AddWithValue("$soon", BigDatabaseGenerator.Format(DateTime.UtcNow.AddDays(1)));
        var due = new List<(string Id, DateTime At)>();
        using (var reader = select.ExecuteReader())
            while (reader.Read())
                due.Add((reader.GetString(0), DateTime.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture)));
        using var update = c.CreateCommand();
        update.Transaction = tx;
        update.CommandText = "UPDATE Bookmarks SET ResumeAt = $at WHERE Id = $id";
        var at = update.Parameters.Add("$at", Microsoft.Data.Sqlite.SqliteType.Text);
        var id = update.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
        foreach (var timer in due)
        {
            at.Value = BigDatabaseGenerator.Format(timer.At.AddDays(60));
            id.Value = timer.Id;
            update.ExecuteNonQuery();
        }
        tx.Commit();
        if (due.Count > 0)
            Console.WriteLine($"  {due.Count:N0} generated timers fell due since the file was made: moved two months on");
    }

    private static async Task EnsureAsync(BenchOptions options, string path)
    {
        var done = path + ".complete";
        if (File.Exists(path) && File.Exists(done))
        {
            Console.WriteLine($"  reusing {Path.GetFileName(path)}");
            return;
        }
        Console.WriteLine($"  generating {options.Dossiers:N0} dossiers into {Path.GetFileName(path)} (kept for later runs)");
        File.Delete(done);
        var sw = Stopwatch.StartNew();
        await using (await AppServices.CreateAsync(options, path, "NORMAL", fresh: true))
        {
        }
        BigDatabaseGenerator.Generate(path, options.Dossiers, options.Timers, DateTime.UtcNow);
        await File.WriteAllTextAsync(done, DateTime.UtcNow.ToString("O"));
        Console.WriteLine($"  generated in {sw.Elapsed.TotalSeconds:0} s ({new FileInfo(path).Length / 1048576.0:N0} MB)");
    }
}
