using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Calendar;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;
using ThiDua.Workflows.Runtime.InMemory;

namespace ThiDua.Web.Features.Designer;

public sealed record TestDossier(string? AwardForm, string? NomineeKind, string? Unit, string? NomineeName);

public sealed record TestRunRequest(JsonObject? Definition, TestDossier? Dossier, IReadOnlyList<string>? Outcomes);

/// <summary>One node the engine executed, in order; <see cref="Depth"/> is 0 for the definition under test, 1 for a sub-workflow it called…</summary>
public sealed record TestRunStep(int Index, string DefinitionId, string NodeId, string Name, string Type, string TypeName, int Depth, string? Outcome, string? OutcomeName);

public sealed record TestRunStop(string DefinitionId, string NodeId, string Name, string Kind, IReadOnlyList<string> Outcomes);

/// <summary>
/// <see cref="Status"/>: completed (the definition reached an End), waiting (the chosen outcomes ran out at a wait
/// state), refused (the next outcome is not one the step offers), error (the engine refused, e.g. nobody holds a
/// role), invalid (the definition has validation errors and was not run).
/// </summary>
public sealed record TestRunResult(
    string Status, string Message, string? Result, IReadOnlyList<TestRunStep> Path, IReadOnlyList<TestRunStop> WaitingAt,
    int OutcomesUsed, IReadOnlyList<ValidationError> Errors);

/// <summary>
/// The designer's dry run: the real runtime and activities on an <see cref="InMemoryWorkflowStore"/>, with the
/// published definitions copied into memory and a directory that only reads the organization tree and users.
/// Nothing is written to the database: no instance, task, journal entry or email exists outside this call.
/// </summary>
public sealed class TestRunService(
    IDbContextFactory<ThiDuaDbContext> factory, DefinitionStore store, DesignerService designer, OrgTree tree, IWorkingCalendar calendar, TimeProvider time)
{
    public const int MaxOutcomes = 200;
    private const int MaxRounds = 500;
    private const string TestComment = "Chạy thử trong trình thiết kế";

    public async Task<TestRunResult> RunAsync(string id, TestRunRequest request, CancellationToken ct)
    {
        var outcomes = request.Outcomes ?? [];
        if (outcomes.Count > MaxOutcomes)
            throw AppException.Invalid("outcomes", $"Tối đa {MaxOutcomes} lựa chọn cho một lần chạy thử.");

        var json = request.Definition?.ToJsonString() ?? await designer.VersionJsonAsync(id, await LatestAsync(id, ct), ct);
        var (definition, errors) = await designer.ValidateAsync(json, ct);
        if (definition is null || errors.Count > 0)
            return new TestRunResult("invalid", "Quy trình còn lỗi nên chưa chạy thử được. Hãy sửa các lỗi được đánh dấu.", null, [], [], 0, errors);
        if (definition.Id != id)
            throw AppException.Invalid("id", $"Mã quy trình trong nội dung ('{definition.Id}') khác với quy trình đang sửa ('{id}').");

        var facts = await FactsAsync(request.Dossier, ct);
        await using var readOnlyDb = await factory.CreateDbContextAsync(ct);
        readOnlyDb.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var directory = new DryRunDirectory(new OrganizationDirectory(readOnlyDb, tree));
        facts = facts with { SubmittedByUserId = DryRunDirectory.Submitter.Id };

        var recorder = new PathRecorder();
        var clock = new DryRunClock(time.GetUtcNow());
        var runtime = new WorkflowRuntime(new WorkflowServices(await DefinitionsAsync(definition, ct), directory, calendar, clock, recorder.Wrap(ActivityRegistry.Default)));
        var memory = new InMemoryWorkflowStore();
        memory.AddDossier(facts);
        var session = memory.Session();
        var actor = new Actor(null, "Người chạy thử");

        var status = "waiting";
        var message = "";
        var used = 0;
        WorkflowInstance? top = null;
        try
        {
            top = await runtime.StartAsync(session, definition.Id, facts, actor, ct);
            for (var round = 0; round < MaxRounds; round++)
            {
                if (top.Status == InstanceStatus.Completed)
                    break;
                var open = memory.AllBookmarks.FirstOrDefault(b => b.Status == BookmarkStatus.Open && b.Kind != BookmarkKind.SubWorkflow);
                if (open is null)
                    break;
                if (open.Kind == BookmarkKind.Timer)
                {
                    // Timers fire on their own; an explicit "Fired" in the list is accepted and used up.
                    if (used < outcomes.Count && outcomes[used] == Outcomes.Fired)
                        used++;
                    if (open.ResumeAt is { } at && at > clock.GetUtcNow().UtcDateTime)
                        clock.Now = new DateTimeOffset(at, TimeSpan.Zero);
                    recorder.Resolved(open, Outcomes.Fired);
                    await runtime.FireTimerAsync(session, open.Id, ct);
                    continue;
                }
                if (used >= outcomes.Count)
                {
                    message = $"Đã dùng hết các lựa chọn; quy trình dừng chờ tại “{open.NodeName}”.";
                    break;
                }
                var outcome = outcomes[used];
                var allowed = open.Outcomes;
                if (!allowed.Contains(outcome, StringComparer.Ordinal))
                {
                    status = "refused";
                    message = $"Bước “{open.NodeName}” không có lựa chọn “{DesignerVocabulary.Outcome(outcome)}” (có: {string.Join(", ", allowed.Select(DesignerVocabulary.Outcome))}).";
                    break;
                }
                used++;
                recorder.Resolved(open, outcome);
                if (open.Kind == BookmarkKind.Vote)
                {
                    // Every member votes the same way: all yes passes any threshold, all no fails it.
                    var members = Math.Max(open.VoteMembers ?? 1, 1);
                    for (var i = 0; i < members && open.Status == BookmarkStatus.Open; i++)
                        await runtime.CastVoteAsync(session, open.Id, new Actor(Guid.NewGuid(), $"Thành viên {i + 1} (chạy thử)"), outcome == Outcomes.Passed, ct);
                }
                else
                    await runtime.CompleteTaskAsync(session, open.Id, new TaskCompletion(outcome, TestComment, actor), ct);
            }
        }
        catch (WorkflowException ex)
        {
            status = "error";
            message = ex.Message;
        }

        foreach (var call in memory.AllBookmarks.Where(b => b.Kind == BookmarkKind.SubWorkflow && b.Status == BookmarkStatus.Completed && b.Outcome is not null))
            recorder.Resolved(call, call.Outcome!);
        if (top?.Status == InstanceStatus.Completed)
        {
            status = "completed";
            message = $"Quy trình kết thúc với kết quả “{DesignerVocabulary.Outcome(top.Result ?? "")}”.";
            if (used < outcomes.Count)
                message += $" Còn {outcomes.Count - used} lựa chọn chưa dùng.";
        }
        var waiting = status == "completed" ? [] : memory.AllBookmarks
            .Where(b => b.Status == BookmarkStatus.Open && b.Kind != BookmarkKind.SubWorkflow)
            .Select(b => new TestRunStop(DefinitionOf(memory, b.InstanceId), b.NodeId, b.NodeName, Vocabulary(b.Kind), b.Outcomes))
            .ToList();
        if (status == "waiting" && message.Length == 0)
            message = waiting.Count == 0 ? "Quy trình dừng mà không có bước chờ." : $"Quy trình dừng chờ tại “{waiting[0].Name}”.";
        var depth = Depths(memory);
        var path = recorder.Visits.Select((v, i) => new TestRunStep(i + 1, v.DefinitionId, v.NodeId, v.Name, v.Type, DesignerVocabulary.ActivityType(v.Type),
            depth.GetValueOrDefault(v.InstanceId), v.Outcome, v.Outcome is null ? null : DesignerVocabulary.Outcome(v.Outcome))).ToList();
        return new TestRunResult(status, message, top?.Result, path, waiting, used, []);
    }

    private static string Vocabulary(BookmarkKind kind) => ThiDua.Infrastructure.Text.Vocabulary.BookmarkKind(kind);

    private static string DefinitionOf(InMemoryWorkflowStore memory, Guid instanceId) =>
        memory.AllInstances.FirstOrDefault(i => i.Id == instanceId)?.DefinitionId ?? "";

    private static Dictionary<Guid, int> Depths(InMemoryWorkflowStore memory)
    {
        var byId = memory.AllInstances.ToDictionary(i => i.Id);
        var result = new Dictionary<Guid, int>();
        foreach (var instance in byId.Values)
        {
            var depth = 0;
            for (var cur = instance; cur.ParentInstanceId is { } p && byId.TryGetValue(p, out var parent) && depth < 32; cur = parent)
                depth++;
            result[instance.Id] = depth;
        }
        return result;
    }

    private async Task<int> LatestAsync(string id, CancellationToken ct) =>
        (await designer.VersionsAsync(id, ct)).LastOrDefault()?.Version
        ?? throw new AppException(AppErrorKind.Rule, "Quy trình chưa có phiên bản nào được ban hành; hãy gửi nội dung bản nháp để chạy thử.");

    /// <summary>Every published definition (for CallWorkflow), with the one under test as the latest of its id.</summary>
    private async Task<InMemoryDefinitionProvider> DefinitionsAsync(WorkflowDefinition tested, CancellationToken ct)
    {
        var provider = new InMemoryDefinitionProvider();
        List<string> ids;
        await using (var db = await factory.CreateDbContextAsync(ct))
            ids = await db.DefinitionVersions.Select(v => v.DefinitionId).Distinct().ToListAsync(ct);
        foreach (var other in ids.Where(i => i != tested.Id))
            if (await store.GetLatestPublishedAsync(other, ct) is { } published)
                provider.Publish(published);
        provider.Publish(tested);
        return provider;
    }

    private async Task<DossierFacts> FactsAsync(TestDossier? input, CancellationToken ct)
    {
        var view = await tree.GetAsync(ct);
        if (string.IsNullOrWhiteSpace(input?.Unit))
            throw AppException.Invalid("dossier.unit", "Hãy chọn đơn vị của hồ sơ mẫu.");
        var unit = view.FindByCode(input.Unit.Trim()) ?? throw AppException.Invalid("dossier.unit", $"Không có tổ chức mã '{input.Unit}'.");
        var kind = string.IsNullOrWhiteSpace(input.NomineeKind) ? NomineeKinds.Individual : input.NomineeKind.Trim();
        if (!NomineeKinds.All.Contains(kind))
            throw AppException.Invalid("dossier.nomineeKind", $"Đối tượng phải là một trong: {string.Join(", ", NomineeKinds.All)}.");
        string? awardName = null;
        var award = input.AwardForm?.Trim() ?? "";
        if (award.Length > 0)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            awardName = await db.AwardForms.AsNoTracking().Where(a => a.Code == award).Select(a => a.Name).FirstOrDefaultAsync(ct)
                ?? throw AppException.Invalid("dossier.awardForm", $"Không có hình thức khen thưởng '{award}'.");
        }
        var name = string.IsNullOrWhiteSpace(input.NomineeName) ? "Hồ sơ chạy thử" : input.NomineeName.Trim();
        var dossier = new Dossier
        {
            Id = Guid.NewGuid(),
            Code = "CHAY-THU",
            NomineeKind = kind,
            NomineeName = name,
            NomineeSearch = name,
            AwardFormCode = award,
            UnitOrgId = unit.Id,
        };
        return EfWorkflowSession.DossierFactsOf(dossier, unit.Name, awardName, null);
    }

    /// <summary>A clock the dry run moves forward to fire timers at once.</summary>
    private sealed class DryRunClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The real organization tree and role holders, read-only, plus a stand-in for the secretary who "submitted" the sample dossier.</summary>
    private sealed class DryRunDirectory(IOrganizationDirectory real) : IOrganizationDirectory
    {
        public static readonly UserRef Submitter = new(Guid.Parse("00000000-0000-7000-8000-00000000c4a1"), "Thư ký (chạy thử)", null);

        public ValueTask<OrgRef?> ResolveAsync(string selector, Guid unitOrgId, CancellationToken ct) => real.ResolveAsync(selector, unitOrgId, ct);

        public ValueTask<IReadOnlyList<UserRef>> UsersInRoleAsync(string role, Guid orgId, CancellationToken ct) => real.UsersInRoleAsync(role, orgId, ct);

        public ValueTask<UserRef?> FindUserAsync(Guid userId, CancellationToken ct) =>
            userId == Submitter.Id ? new(Submitter) : real.FindUserAsync(userId, ct);
    }

    internal sealed record Visit(Guid InstanceId, string DefinitionId, string NodeId, string Name, string Type)
    {
        public string? Outcome { get; set; }
    }

    /// <summary>Wraps every activity so the order in which the runtime executes nodes is recorded, with the outcome each took.</summary>
    private sealed class PathRecorder
    {
        public List<Visit> Visits { get; } = [];

        public ActivityRegistry Wrap(ActivityRegistry registry) => new(registry.All.Select(a => (Activity)new Tracing(a, this)));

        public void Resolved(Bookmark bookmark, string outcome)
        {
            if (Visits.LastOrDefault(v => v.InstanceId == bookmark.InstanceId && v.NodeId == bookmark.NodeId && v.Outcome is null) is { } visit)
                visit.Outcome = outcome;
        }

        private sealed class Tracing(Activity inner, PathRecorder recorder) : Activity
        {
            public override string Type => inner.Type;
            public override string DisplayName => inner.DisplayName;
            public override string Description => inner.Description;
            public override bool IsWaitState => inner.IsWaitState;
            public override bool AllowsParallelEdges => inner.AllowsParallelEdges;
            public override IReadOnlyList<SettingSpec> Settings => inner.Settings;

            public override IReadOnlyList<string> DeclaredOutcomes(NodeDefinition node) => inner.DeclaredOutcomes(node);

            public override void Validate(NodeDefinition node, ValidationContext context, List<ValidationError> errors) => inner.Validate(node, context, errors);

            public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
            {
                var visit = new Visit(context.Instance.Id, context.Definition.Id, context.Node.Id, context.Node.DisplayName, context.Node.Type);
                recorder.Visits.Add(visit);
                var result = await inner.ExecuteAsync(context);
                visit.Outcome = result switch
                {
                    ActivityResult.Continue c => c.Outcome,
                    ActivityResult.Complete done => done.Result,
                    _ => null,
                };
                return result;
            }
        }
    }
}
