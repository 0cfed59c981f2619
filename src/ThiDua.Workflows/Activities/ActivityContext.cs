using System.Text.Json.Nodes;
using ThiDua.Workflows.Calendar;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Workflows.Activities;

/// <summary>Everything one activity execution may read or produce. Produced rows go to the session of the run, never straight to storage.</summary>
public sealed class ActivityContext
{
    private readonly RunContext _run;

    internal ActivityContext(RunContext run, WorkflowInstance instance, WorkflowDefinition definition, NodeDefinition node, DossierFacts dossier)
    {
        _run = run;
        Instance = instance;
        Definition = definition;
        Node = node;
        Dossier = dossier;
    }

    public WorkflowInstance Instance { get; }
    public WorkflowDefinition Definition { get; }
    public NodeDefinition Node { get; }
    public JsonObject Settings => Node.Settings;
    public DossierFacts Dossier { get; }
    public Actor Actor => _run.Actor;
    public DateTime Now => _run.Now;
    public IOrganizationDirectory Directory => _run.Services.Directory;
    public IWorkingCalendar Calendar => _run.Services.Calendar;
    public IWorkflowSession Session => _run.Session;
    public CancellationToken CancellationToken => _run.CancellationToken;
    internal RunContext Run => _run;

    public Bookmark NewBookmark(BookmarkKind kind) => new()
    {
        Id = Guid.CreateVersion7(),
        InstanceId = Instance.Id,
        DossierId = Instance.DossierId,
        NodeId = Node.Id,
        NodeName = Node.DisplayName,
        Kind = kind,
        Status = BookmarkStatus.Open,
        CreatedAt = Now,
    };

    public async ValueTask<OrgRef> ResolveOrgAsync(string? selector, string field)
    {
        if (!OrgSelectors.IsValid(selector))
            throw new WorkflowException(WorkflowErrorCode.Configuration, $"Nút '{Node.Id}': bộ chọn tổ chức '{selector}' ({field}) không hợp lệ.");
        return await Directory.ResolveAsync(selector!, Dossier.UnitOrgId, CancellationToken)
            ?? throw new WorkflowException(WorkflowErrorCode.Configuration,
                $"Bước \"{Node.DisplayName}\": không xác định được tổ chức '{selector}' cho đơn vị của hồ sơ. Hãy kiểm tra cây tổ chức.");
    }

    public void Journal(string kind, string? outcome = null, string? comment = null, OrgRef? org = null, string? data = null, Actor? actor = null) =>
        _run.Journal(Instance, kind, Node, outcome, comment, org, data, actor);

    public void Email(string template, UserRef to, IReadOnlyDictionary<string, string?>? extra = null) =>
        _run.Email(Instance, Dossier, template, to, Node.DisplayName, extra);

    public void Progress(DossierProgress progress) => _run.Session.DossierProgressChanged(Instance.DossierId, progress);

    public DateTime? DueAfterWorkingDays(int? days) => days is > 0 ? Calendar.AddWorkingDays(Now, days.Value) : null;
}
