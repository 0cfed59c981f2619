using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Runtime;
using Xunit.Abstractions;

namespace ThiDua.Web.Tests.Faults;

/// <summary>
/// Thousands of decisions over HTTP while the server is killed with SIGKILL and started again, over and over.
/// Afterwards, read straight from the database file: every decision a client was told about is there, nothing
/// happened twice, and every instance's tasks and votes are exactly what its journal says.
/// THIDUA_CRASH_DOSSIERS sets the size of the run (default 220 dossiers ≈ 2,000 decisions).
/// </summary>
public sealed class CrashStressTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thidua-crash-").FullName;

    [Fact]
    public async Task Decisions_survive_repeated_sigkills_none_lost_none_doubled_journal_and_state_agree()
    {
        var dossiers = int.TryParse(Environment.GetEnvironmentVariable("THIDUA_CRASH_DOSSIERS"), out var n) ? n : 220;
        using var server = new AppProcess(_folder);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await server.StartAsync();
        var load = new CrashLoad(server.BaseAddress);

        using var stop = new CancellationTokenSource();
        var crashes = 0;
        // Crashes come with the work done, not with time, so a faster server is not killed less often: after a random
        // seventh to a twelfth of the decisions since the last restart, at a random moment within that stretch.
        var decisions = dossiers * 9;
        var killer = Task.Run(async () =>
        {
            var random = new Random(20261123);
            while (!stop.IsCancellationRequested)
            {
                var due = load.Acknowledged.Count + random.Next(decisions / 12, decisions / 7);
                try
                {
                    while (load.Acknowledged.Count < due)
                        await Task.Delay(random.Next(5, 50), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                server.Kill();
                crashes++;
                await server.StartAsync();
            }
        });
        var work = Enumerable.Range(0, dossiers).ToList();
        var next = -1;
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < work.Count)
                await load.DriveOneAsync(next);
        })).ToList();
        await Task.WhenAll(workers);
        await stop.CancelAsync();
        await killer;
        server.Kill(); // the last stop is a crash too: the verdict is read from the file as it was left

        var acks = load.Acknowledged.ToList();
        var recovered = load.Recovered.ToList();
        output.WriteLine($"{dossiers} dossiers in {clock.Elapsed.TotalSeconds:F0} s: {acks.Count} acknowledged decisions (+{recovered.Count} votes whose answer a crash cut off), " +
            $"{crashes} SIGKILLs, {load.Retries} requests retried after a crash, restart to first page {server.StartupTimes.Average(t => t.TotalSeconds):F1} s on average");
        Assert.True(load.Errors.IsEmpty, string.Join("\n", load.Errors.Take(20)) + "\nServer errors:\n" + ServerErrors(server.Log));
        Assert.True(crashes >= 5, $"only {crashes} crashes: the run was too short to mean anything");
        Assert.Equal(decisions, acks.Count + recovered.Count);

        await using var db = new ThiDuaDbContext(new DbContextOptionsBuilder<ThiDuaDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, "thidua.db")}").Options);
        var bookmarks = await db.Bookmarks.AsNoTracking().ToDictionaryAsync(b => b.Id);
        var ballots = await db.Ballots.AsNoTracking().ToListAsync();
        var journal = await db.Journal.AsNoTracking().ToListAsync();
        var instances = await db.Instances.AsNoTracking().ToListAsync();
        var driven = load.Dossiers.ToHashSet();

        // Nothing acknowledged is lost.
        var ballotSet = ballots.Select(b => (b.BookmarkId, b.UserId)).ToHashSet();
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Username, u => u.Id);
        foreach (var ack in acks.Concat(recovered))
        {
            var b = bookmarks[ack.TaskId];
            if (ack.Vote)
                Assert.Contains((ack.TaskId, users[ack.Username]), ballotSet);
            else
            {
                Assert.Equal(BookmarkStatus.Completed, b.Status);
                Assert.Equal(ack.TaskId.ToString("N"), b.IdempotencyKey);
                Assert.Equal(ack.Outcome, b.Outcome);
            }
        }

        // Nothing happened twice, and each instance is what its journal says.
        var byInstance = journal.ToLookup(j => j.InstanceId);
        var bookmarksOf = bookmarks.Values.ToLookup(b => b.InstanceId);
        foreach (var instance in instances)
        {
            var entries = byInstance[instance.Id].ToList();
            var own = bookmarksOf[instance.Id].ToList();
            Assert.Equal(1, entries.Count(e => e.Kind == JournalKinds.Started));
            Assert.Equal(instance.Status == InstanceStatus.Completed ? 1 : 0, entries.Count(e => e.Kind == JournalKinds.Ended));
            foreach (var node in own.Select(b => b.NodeId).Union(entries.Where(e => e.NodeId != null).Select(e => e.NodeId!)).Distinct())
            {
                var tasks = own.Where(b => b.NodeId == node && b.Kind == BookmarkKind.HumanTask).ToList();
                var votes = own.Where(b => b.NodeId == node && b.Kind == BookmarkKind.Vote).Select(b => b.Id).ToHashSet();
                int Count(string kind) => entries.Count(e => e.NodeId == node && e.Kind == kind);
                Assert.Equal(tasks.Count, Count(JournalKinds.TaskCreated));
                Assert.Equal(tasks.Count(t => t.Status == BookmarkStatus.Completed), Count(JournalKinds.TaskCompleted));
                Assert.Equal(votes.Count, Count(JournalKinds.VoteOpened));
                Assert.Equal(ballots.Count(v => votes.Contains(v.BookmarkId)), Count(JournalKinds.VoteCast));
                Assert.Equal(own.Count(b => votes.Contains(b.Id) && b.Status == BookmarkStatus.Completed), Count(JournalKinds.VoteClosed));
            }
        }

        // The status every list shows is the last one the journal recorded for the dossier (sub-workflows included).
        var labels = await db.Dossiers.AsNoTracking().Where(d => d.InstanceId != null).Select(d => new { d.Id, d.StatusLabel }).ToListAsync();
        var byDossier = journal.ToLookup(j => j.DossierId);
        foreach (var dossier in labels)
        {
            var last = byDossier[dossier.Id].Where(e => e.Kind == JournalKinds.StatusChanged || (e.Kind == JournalKinds.Ended && e.Comment != null))
                .OrderBy(e => e.At).ThenBy(e => e.Sequence).LastOrDefault();
            if (last is not null)
                Assert.Equal(last.Comment, dossier.StatusLabel);
        }

        // Every dossier the clients drove reached its decision, exactly once.
        var finished = await db.Dossiers.AsNoTracking().Where(d => driven.Contains(d.Id)).Select(d => new { d.Id, d.State, d.InstanceId }).ToListAsync();
        Assert.Equal(dossiers, finished.Count);
        Assert.All(finished, d => Assert.Equal(DossierStates.Approved, d.State));
        var ended = journal.Where(j => j.Kind == JournalKinds.Ended).ToLookup(j => j.InstanceId);
        Assert.All(finished, d => Assert.Single(ended[d.InstanceId!.Value]));
        var statusOf = instances.ToDictionary(i => i.Id, i => i.Status);
        Assert.All(finished, d => Assert.Equal(InstanceStatus.Completed, statusOf[d.InstanceId!.Value]));
        Assert.Empty(await db.Bookmarks.Where(b => driven.Contains(b.DossierId) && b.Status == BookmarkStatus.Open).ToListAsync());
        // Emails: each outbox row sent is one file named after it, however often a crash made it go out again.
        var outbox = await db.Outbox.AsNoTracking().Select(o => new { o.Id, o.Status }).ToListAsync();
        var files = Directory.GetFiles(Path.Combine(_folder, "mail"), "*.eml").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        var sent = outbox.Where(o => o.Status == OutboxStatus.Sent).Select(o => o.Id.ToString()).ToList();
        Assert.All(sent, id => Assert.Contains(id, files));
        Assert.True(files.Count <= outbox.Count, $"{files.Count} email files for {outbox.Count} outbox rows");
        output.WriteLine($"emails: {outbox.Count} outbox rows, {sent.Count} sent, {files.Count} files");
        output.WriteLine($"verified: {instances.Count} instances, {journal.Count} journal entries, {bookmarks.Count} tasks/votes, {ballots.Count} ballots");
    }

    /// <summary>The first errors the server logged, each with the lines of its exception.</summary>
    private static string ServerErrors(string log)
    {
        var lines = log.Split('\n');
        var first = Array.FindIndex(lines, l => l.StartsWith("fail:", StringComparison.Ordinal));
        return first < 0 ? "(none logged)" : string.Join("\n", lines.Skip(first).Take(60));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS temp cleaner
        }
    }
}
