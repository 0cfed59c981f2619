using System.Diagnostics;
using ThiDua.Bench;

// bench/run.sh builds in Release and runs this. Every measure runs in the same process run, so the ratios compare
// numbers taken on the same machine at the same time (absolute times drift on shared machines).
// As the server does when it registers its persistence; the raw limit below opens SQLite before any host is built.
ThiDua.Infrastructure.Persistence.SqliteProcessSettings.Apply();
var options = BenchOptions.Parse(args);
var report = new Report();
var total = Stopwatch.StartNew();
Console.WriteLine($"ThiDua benchmarks — {Environment.ProcessorCount} cores, .NET {Environment.Version}, SQLite {Sqlite.Version()}, data in {options.DataFolder}");

double? rawFull = null;
if (options.Runs("raw"))
{
    rawFull = RawLimit.Run(options, "FULL", report);
    RawLimit.Run(options, "NORMAL", report);
}
rawFull ??= RawLimit.Run(options, "FULL", report);

if (options.Runs("engine"))
{
    await DurableApprovals.RunAsync(options, "FULL", rawFull.Value, report);
    await DurableApprovals.RunAsync(options, "NORMAL", null, report);
}
if (options.Runs("http"))
    await HttpApprovals.RunAsync(options, "FULL", rawFull.Value, report);
if (options.Runs("memory"))
    await InMemoryTransitions.RunAsync(options, report);
if (options.Runs("queries"))
    await BigDatabase.RunAsync(options, report);
if (options.Runs("email"))
    await EmailFanOut.RunAsync(options, report);

report.Print();
report.Save(Path.Combine(options.RepoRoot, "bench", "results", "last.json"));
Console.WriteLine($"Total {total.Elapsed.TotalMinutes:0.0} min.");
return 0;
