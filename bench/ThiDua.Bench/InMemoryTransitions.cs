using System.Diagnostics;
using System.Text.Json;
using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Calendar;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;
using ThiDua.Workflows.Runtime.InMemory;

namespace ThiDua.Bench;

/// <summary>
/// Our engine against bpmn-engine, in memory, in the same run: the same 4-level chain (bench/peer/approval-chain.json
/// and approval-chain.bpmn: start, four user tasks in series, end), each instance started and its tasks signalled one
/// after another in a loop. A transition is one edge followed (5 per instance), counted the same way on both sides.
/// </summary>
public static class InMemoryTransitions
{
    private const int TransitionsPerInstance = 5;

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var seconds = options.Quick ? 2 : 6;
        var ours = await RunOursAsync(options, seconds);
        var peer = await RunPeerAsync(options, seconds);
        var ourRate = ours.Instances * TransitionsPerInstance / ours.Seconds;
        var peerRate = peer.Instances * TransitionsPerInstance / peer.Seconds;
        report.Add("in-memory transitions/s, ThiDua engine (4-level chain)", ourRate, "N0", "/s");
        report.Add("in-memory transitions/s, bpmn-engine 25.0.1 (same chain)", peerRate, "N0", "/s");
        report.Add("  ratio ThiDua / bpmn-engine", ourRate / peerRate, "0.0", "×", "≥ 5×", ourRate / peerRate >= 5);
    }

    private sealed record Result(long Instances, double Seconds);

    private static async Task<Result> RunOursAsync(BenchOptions options, int seconds)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(options.RepoRoot, "bench", "peer", "approval-chain.json"));
        var read = DefinitionReader.Read(json);
        if (!read.Success)
            throw new InvalidOperationException("bench chain: " + string.Join("; ", read.Errors));
        var definitions = new InMemoryDefinitionProvider();
        definitions.Publish(read.Definition!);
        var directory = new BenchDirectory();
        var runtime = new WorkflowRuntime(new WorkflowServices(definitions, directory, new WorkingCalendar(), TimeProvider.System, ActivityRegistry.Default));
        var secretary = new Actor(directory.Secretary.Id, directory.Secretary.DisplayName);
        var leader = new Actor(directory.Leader.Id, directory.Leader.DisplayName);

        InMemoryWorkflowStore store = null!;
        IWorkflowSession session = null!;
        async Task RunOneAsync(long i)
        {
            // A fresh store now and then keeps the dictionaries from growing through the whole run.
            if (i % 5_000 == 0)
            {
                store = new InMemoryWorkflowStore { KeepRecords = false };
                session = store.Session();
            }
            var facts = new DossierFacts(Guid.CreateVersion7(), directory.Unit.Id, directory.Secretary.Id, new Dictionary<string, string?> { ["nomineeName"] = "Nguyễn Văn Thành" });
            store.AddDossier(facts);
            var instance = await runtime.StartAsync(session, "bench-4-cap", facts, secretary);
            for (var level = 0; level < 4; level++)
            {
                var open = await session.OpenBookmarksAsync(instance.Id, CancellationToken.None);
                if (open.Count != 1)
                    throw new InvalidOperationException($"instance {i}: expected one open task at level {level + 1}, found {open.Count}");
                await runtime.CompleteTaskAsync(session, open[0].Id, new TaskCompletion(Outcomes.Approve, null, leader));
            }
            if (instance.Status != InstanceStatus.Completed)
                throw new InvalidOperationException($"instance {i} did not complete");
        }

        for (var i = 0; i < 5_000; i++)
            await RunOneAsync(i);
        long n = 0;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < seconds)
            for (var k = 0; k < 100; k++)
                await RunOneAsync(n++);
        return new Result(n, sw.Elapsed.TotalSeconds);
    }

    private static async Task<Result> RunPeerAsync(BenchOptions options, int seconds)
    {
        var peer = Path.Combine(options.RepoRoot, "bench", "peer");
        if (!Directory.Exists(Path.Combine(peer, "node_modules", "bpmn-engine")))
            throw new InvalidOperationException("bpmn-engine is not installed: run `npm ci` in bench/peer (bench/run.sh does).");
        var start = new ProcessStartInfo("node") { WorkingDirectory = peer, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("run-peer.mjs");
        start.ArgumentList.Add(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("5000");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"bpmn-engine run failed: {await stderr}");
        using var doc = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        return new Result(doc.RootElement.GetProperty("instances").GetInt64(), doc.RootElement.GetProperty("seconds").GetDouble());
    }

    /// <summary>Four organizations in a line (unit → Sở → tỉnh → Trung ương), a leader at each, held in memory.</summary>
    private sealed class BenchDirectory : IOrganizationDirectory
    {
        public OrgRef Unit { get; } = new(Guid.NewGuid(), "Trung tâm Ứng dụng và Dịch vụ KH&CN");
        public OrgRef Department { get; } = new(Guid.NewGuid(), "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi");
        public OrgRef Province { get; } = new(Guid.NewGuid(), "UBND tỉnh Quảng Ngãi");
        public OrgRef Central { get; } = new(Guid.NewGuid(), "Ban Thi đua – Khen thưởng Trung ương");
        public UserRef Secretary { get; } = new(Guid.NewGuid(), "Trần Thị Mai", "thuky.ttud@thidua.local");
        public UserRef Leader { get; } = new(Guid.NewGuid(), "Lê Văn Hùng", "lanhdao.ttud@thidua.local");
        private readonly IReadOnlyList<UserRef> _leaders;

        public BenchDirectory() => _leaders = [Leader];

        public ValueTask<OrgRef?> ResolveAsync(string selector, Guid unitOrgId, CancellationToken ct) => new(selector switch
        {
            OrgSelectors.Unit => Unit,
            OrgSelectors.Department => Department,
            OrgSelectors.Province => Province,
            OrgSelectors.Central => Central,
            _ => null,
        });

        public ValueTask<IReadOnlyList<UserRef>> UsersInRoleAsync(string role, Guid orgId, CancellationToken ct) => new(_leaders);

        public ValueTask<UserRef?> FindUserAsync(Guid userId, CancellationToken ct) => new(userId == Secretary.Id ? Secretary : userId == Leader.Id ? Leader : null);
    }
}
