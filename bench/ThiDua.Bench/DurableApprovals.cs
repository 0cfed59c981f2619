using System.Diagnostics;
using System.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Infrastructure.Tasks;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Bench;

/// <summary>
/// Durable approvals through the engine in this process: many "Giấy khen" dossiers in flight, each approval a
/// real <see cref="TaskService.CompleteAsync"/> (EfWorkflowSession, one scope and one transaction per approval),
/// several workers at once. Three rounds: the unit leader approves (the unit level ends and the Sở level starts),
/// the Sở secretary receives, the Sở secretary appraises (the council vote opens). Each round first approves more
/// dossiers untimed, until the runtime has stopped compiling (<see cref="WarmUpAsync"/>).
/// </summary>
public static class DurableApprovals
{
    /// <summary>
    /// Approvals in flight at once (BENCH_WORKERS): decided in parallel, committed in groups. With 16, a group held about
    /// 14 of them, so while it committed nearly every run waited on it and the two cores were 1.2 in use. Measured
    /// before the write turn had a leader (RESULTS item 47), synchronous=FULL: 16 gave 687–877 approvals/s (1.45–1.80
    /// ms of CPU each), 32 gave 816–1,011/s (1.28–1.61 ms), 48 gave 924/s, 64 gave 593–717/s (1.9–2.4 ms): half its
    /// contexts found no kept connection (<see cref="SqliteKeptConnections.MaxKept"/>) and opened one, compiling their
    /// statements again, in every scope; 794/s with that bound raised for the test.
    /// </summary>
    public static readonly int Workers = Env.PositiveInt("BENCH_WORKERS", 32);

    public static readonly (string User, string Node, string Outcome)[] Rounds =
    [
        ("lanhdao.ttud", "ld-don-vi", "Approve"),
        ("thuky.skhcn", "tiep-nhan", "Accept"),
        ("thuky.skhcn", "tham-dinh", "Approve"),
    ];

    public static async Task RunAsync(BenchOptions options, string synchronous, double? raw, Report report)
    {
        var path = Path.Combine(options.DataFolder, $"engine-{synchronous.ToLowerInvariant()}.db");
        await using var app = await AppServices.CreateAsync(options, path, synchronous, fresh: true);
        var count = Environment.GetEnvironmentVariable("BENCH_SQL_LOG") == "1" ? 2 : Env.PositiveInt("BENCH_COUNT", options.Scale(1500));
        var warm = MostWarmUpOf(count);
        var sw = Stopwatch.StartNew();
        await app.SubmitDossiersAsync(count + warm, Workers);
        if (count == 2)
            Console.WriteLine("==== approvals ====");
        var submitRate = (count + warm) / sw.Elapsed.TotalSeconds;

        var done = 0;
        var elapsed = TimeSpan.Zero;
        var cpu = TimeSpan.Zero;
        var allocated = 0L;
        var paused = TimeSpan.Zero;
        var compiled = 0L;
        var rounds = new List<string>();
        // Only the FULL run (given the first raw number) reports a ratio; that number itself stays out of the mean.
        var between = raw is null ? null : new RawBetweenRounds(options, synchronous);
        foreach (var (username, node, outcome) in Rounds)
        {
            var user = await app.UserAsync(username);
            var all = await OpenTasksAsync(app.Provider, node, user);
            async Task ApproveAsync(IEnumerable<Guid> tasks) =>
                await Parallel.ForEachAsync(tasks, new ParallelOptions { MaxDegreeOfParallelism = Workers }, async (id, ct) =>
                {
                    await using var scope = app.Provider.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<TaskService>().CompleteAsync(user, id, outcome, null, Guid.NewGuid().ToString("N"), ct);
                });
            var untimed = await WarmUpAsync(ApproveAsync, all, warm, Workers, () => JitInfo.GetCompiledMethodCount());
            var tasks = all.Skip(untimed).ToList();
            between?.Measure();
            sw.Restart();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated0 = GC.GetTotalAllocatedBytes(precise: true);
            var paused0 = GC.GetTotalPauseDuration();
            var compiled0 = JitInfo.GetCompiledMethodCount();
            await ApproveAsync(tasks);
            compiled += JitInfo.GetCompiledMethodCount() - compiled0;
            elapsed += sw.Elapsed;
            cpu += Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            allocated += GC.GetTotalAllocatedBytes(precise: true) - allocated0;
            paused += GC.GetTotalPauseDuration() - paused0;
            done += tasks.Count;
            rounds.Add($"{node} {tasks.Count / sw.Elapsed.TotalSeconds:N0} ({untimed} untimed first)");
        }
        var rate = done / elapsed.TotalSeconds;
        report.Note($"  CPU per durable approval, synchronous={synchronous}", $"{cpu.TotalMilliseconds / done:0.00} ms");
        // Allocation barely moves with the machine, unlike the rates: a change's effect on it shows in one run.
        report.Note($"  allocated / GC pause per durable approval, synchronous={synchronous}",
            $"{allocated / 1024.0 / done:N0} KB / {paused.TotalMilliseconds / done:0.000} ms");
        report.Note($"  methods compiled during the timed rounds, synchronous={synchronous}", $"{compiled:N0}");
        report.Add($"engine in-process submits/s, synchronous={synchronous}", submitRate, "N0", "/s");
        report.Add($"durable approvals in-process, synchronous={synchronous} ({Workers} workers)", rate, "N0", "/s");
        report.Note("  each round (step, approvals/s)", string.Join(" · ", rounds));
        if (between is not null)
        {
            between.Measure();
            between.Report(report, rate, "≥ 0.5", 0.5);
        }
    }

    /// <summary>
    /// Most approvals made untimed before each round (<see cref="WarmUpAsync"/>), on dossiers of their own: a third of
    /// the measured count. A fresh process runs each round's path (a different step each) first from precompiled or
    /// unoptimized code and recompiles it optimized once it is hot; a server that has been up a while has done that.
    /// </summary>
    public static int MostWarmUpOf(int count) => count >= 20 ? count / 3 : 0;

    /// <summary>
    /// Approves the first of the tasks untimed, a batch at a time, until two batches in a row had the runtime compile
    /// nothing (<paramref name="compiled"/> did not move), or <paramref name="most"/> are approved; returns how many.
    /// The runtime optimizes a method in the background once it has been called often enough, and starts counting
    /// calls only after a pause in compiling, hence the pause after each batch. With a tenth of the count approved
    /// first instead, the first timed round compiled about a thousand methods, for 1.26 s of a round of 1.7 s (RESULTS
    /// item 51).
    /// </summary>
    public static async Task<int> WarmUpAsync(Func<IEnumerable<Guid>, Task> approve, List<Guid> tasks, int most, int batch, Func<long> compiled)
    {
        var used = 0;
        for (var quiet = 0; quiet < 2 && used + batch <= Math.Min(most, tasks.Count); used += batch)
        {
            var before = compiled();
            await approve(tasks.Skip(used).Take(batch));
            // Longer than the runtime waits after compiling before it counts calls (100 ms by default).
            await Task.Delay(250);
            quiet = compiled() == before ? quiet + 1 : 0;
        }
        return used;
    }

    /// <summary>The open tasks at a node that the user may complete (the demo data has others, of other units).</summary>
    public static async Task<List<Guid>> OpenTasksAsync(IServiceProvider provider, string nodeId, CurrentUser user)
    {
        var orgs = user.OrgIds;
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        return await db.Bookmarks.AsNoTracking()
            .Where(b => b.Status == BookmarkStatus.Open && b.Kind == BookmarkKind.HumanTask && b.NodeId == nodeId && orgs.Contains(b.AssigneeOrgId!.Value))
            .OrderBy(b => b.CreatedAt).Select(b => b.Id).ToListAsync();
    }
}
