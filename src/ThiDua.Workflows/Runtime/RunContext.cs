using System.Text.Encodings.Web;
using System.Text.Json;
using ThiDua.Workflows.Definitions;

namespace ThiDua.Workflows.Runtime;

/// <summary>
/// The state of one run: the queue of nodes to execute across the instances it touches (a child ending
/// continues its parent in the same run, hence in the same transaction), and the rows it produced.
/// </summary>
internal sealed class RunContext(IWorkflowSession session, WorkflowServices services, Actor actor, DateTime now, CancellationToken ct)
{
    private static readonly JsonSerializerOptions ModelJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public IWorkflowSession Session { get; } = session;
    public WorkflowServices Services { get; } = services;
    public Actor Actor { get; } = actor;
    public DateTime Now { get; } = now;
    public CancellationToken CancellationToken { get; } = ct;

    public LinkedList<WorkItem> Queue { get; } = new();
    public Dictionary<Guid, InstanceState> States { get; } = [];
    public HashSet<WorkflowInstance> Touched { get; } = [];
    public Dictionary<Guid, DossierFacts> Dossiers { get; } = [];
    public int Steps { get; set; }
    /// <summary>The reason given with the decision that started this run, for the emails it sends (a return must say why).</summary>
    public string? Comment { get; set; }

    public InstanceState StateOf(WorkflowInstance instance)
    {
        Touched.Add(instance);
        if (!States.TryGetValue(instance.Id, out var state))
            States[instance.Id] = state = InstanceState.Parse(instance.StateJson);
        return state;
    }

    public void Touch(WorkflowInstance instance) => StateOf(instance);

    public static long NextSequence(DateTime at) => JournalSequence.Next(at);

    public void Journal(WorkflowInstance instance, string kind, NodeDefinition? node, string? outcome, string? comment, OrgRef? org, string? data, Actor? actor = null)
    {
        var who = actor ?? Actor;
        Session.Add(new JournalEntry
        {
            Id = Guid.CreateVersion7(),
            InstanceId = instance.Id,
            DossierId = instance.DossierId,
            At = Now,
            Sequence = NextSequence(Now),
            Kind = kind,
            NodeId = node?.Id,
            NodeName = node?.DisplayName,
            ActorUserId = who.UserId,
            ActorName = who.Name,
            OrgId = org?.Id,
            OrgName = org?.Name,
            Outcome = outcome,
            Comment = comment,
            Data = data,
        });
    }

    public void Email(WorkflowInstance instance, DossierFacts dossier, string template, UserRef to, string step, IReadOnlyDictionary<string, string?>? extra)
    {
        if (string.IsNullOrWhiteSpace(to.Email))
            return;
        var model = new Dictionary<string, string?>(dossier.Fields, StringComparer.Ordinal)
        {
            ["dossierId"] = dossier.DossierId.ToString(),
            ["recipientName"] = to.DisplayName,
            ["step"] = step,
            ["statusLabel"] = instance.StatusLabel,
            ["actorName"] = Actor.Name,
            ["comment"] = Comment,
        };
        if (extra is not null)
            foreach (var (k, v) in extra)
                model[k] = v;
        Session.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Template = template,
            ToAddress = to.Email,
            ToName = to.DisplayName,
            ToUserId = to.Id,
            ModelJson = JsonSerializer.Serialize(model, ModelJson),
            DossierId = dossier.DossierId,
            InstanceId = instance.Id,
            CreatedAt = Now,
            Status = OutboxStatus.Pending,
            NextAttemptAt = Now,
        });
    }
}

internal sealed record WorkItem(WorkflowInstance Instance, WorkflowDefinition Definition, string NodeId);
