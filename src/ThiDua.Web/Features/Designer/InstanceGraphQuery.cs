using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Designer;

/// <summary>One workflow instance of a dossier with the definition version it is pinned to and where it stands.</summary>
public sealed record GraphInstance(
    Guid Id, string DefinitionId, int Version, string Name, string Status, Guid? ParentInstanceId, string? CalledFromNode,
    DateTime StartedAt, DateTime? CompletedAt, JsonObject Definition,
    IReadOnlyList<string> Current, IReadOnlyList<string> Completed, IReadOnlyDictionary<string, IReadOnlyList<string>> Outcomes);

/// <summary>The dossier's instances, plus the activity descriptors and outcome names a viewer needs to draw them (no admin catalog call).</summary>
public sealed record DossierGraph(
    Guid DossierId, string Code, string NomineeName, string? StatusLabel, IReadOnlyList<GraphInstance> Instances,
    IReadOnlyList<ActivityDescriptor> Activities, IReadOnlyDictionary<string, string> OutcomeLabels);

/// <summary>
/// The read-only "where is my dossier" graph: the chain and every sub-workflow it called, each at its pinned
/// version, with the open steps and the steps already passed. Visible to whoever may see the dossier.
/// </summary>
public sealed class InstanceGraphQuery(ThiDuaDbContext db, DefinitionStore store)
{
    /// <summary>Journal kinds that prove a node was passed.</summary>
    private static readonly HashSet<string> PassedKinds =
        [JournalKinds.TaskCompleted, JournalKinds.VoteClosed, JournalKinds.TimerFired, JournalKinds.StatusChanged, JournalKinds.Ended, JournalKinds.SubWorkflowStarted];

    public async Task<DossierGraph> GetAsync(CurrentUser user, Guid dossierId, CancellationToken ct)
    {
        var dossier = await DossierAccessPolicy.GetVisibleAsync(db, user, dossierId, ct);
        var instances = await db.Instances.AsNoTracking().Where(i => i.DossierId == dossierId).OrderBy(i => i.CreatedAt).ThenBy(i => i.ParentInstanceId != null).ToListAsync(ct); // a sub-workflow starts in the same instant as its parent
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.DossierId == dossierId).ToListAsync(ct);
        var journal = await db.Journal.AsNoTracking().Where(j => j.DossierId == dossierId && j.NodeId != null).ToListAsync(ct);

        var result = new List<GraphInstance>();
        foreach (var instance in instances)
        {
            var definition = await store.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
            if (definition is null)
                continue;
            var mine = bookmarks.Where(b => b.InstanceId == instance.Id).ToList();
            var current = mine.Where(b => b.Status == BookmarkStatus.Open).Select(b => b.NodeId).Distinct().ToList();
            var outcomes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            void Took(string node, string? outcome)
            {
                if (outcome is null)
                    return;
                if (!outcomes.TryGetValue(node, out var set))
                    outcomes[node] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(outcome);
            }
            var passed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var b in mine.Where(b => b.Status == BookmarkStatus.Completed))
            {
                passed.Add(b.NodeId);
                Took(b.NodeId, b.Outcome);
            }
            foreach (var j in journal.Where(j => j.InstanceId == instance.Id && PassedKinds.Contains(j.Kind)))
            {
                passed.Add(j.NodeId!);
                if (j.Kind is JournalKinds.TaskCompleted or JournalKinds.VoteClosed or JournalKinds.TimerFired)
                    Took(j.NodeId!, j.Outcome);
            }
            if (definition.StartNode is { } start)
                passed.Add(start.Id);
            passed.UnionWith(PassThrough(definition, passed, current, outcomes));
            var parentNode = instance.ParentBookmarkId is { } pb ? bookmarks.FirstOrDefault(b => b.Id == pb)?.NodeId : null;
            result.Add(new GraphInstance(instance.Id, instance.DefinitionId, instance.DefinitionVersion, definition.Name, instance.Status.ToString(),
                instance.ParentInstanceId, parentNode, instance.CreatedAt, instance.CompletedAt, DefinitionWriter.ToJson(definition),
                current, [.. passed.Order(StringComparer.Ordinal)], outcomes.ToDictionary(o => o.Key, o => (IReadOnlyList<string>)[.. o.Value], StringComparer.Ordinal)));
        }
        var labels = result.SelectMany(i => i.Definition["edges"]?.AsArray() ?? [])
            .Select(e => e?["outcome"]?.GetValue<string>() ?? Outcomes.Done)
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(o => o, DesignerVocabulary.Outcome, StringComparer.Ordinal);
        return new DossierGraph(dossier.Id, dossier.Code, dossier.NomineeName, dossier.StatusLabel, result, ActivityCatalog.Activities(ActivityRegistry.Default), labels);
    }

    /// <summary>
    /// Nodes that leave no journal entry (Start, SendEmail, Switch, Fork, Join) count as passed when they lie on a
    /// path from a passed node (through the outcome it took) to a passed or current node.
    /// </summary>
    internal static HashSet<string> PassThrough(WorkflowDefinition definition, HashSet<string> passed, IReadOnlyCollection<string> current, Dictionary<string, HashSet<string>> outcomes)
    {
        bool Silent(string id) => definition.FindNode(id) is { } n && ActivityRegistry.Default.Find(n.Type) is { IsWaitState: false } && n.Type is not (ActivityTypes.SetStatus or ActivityTypes.End);
        bool Taken(EdgeDefinition e) => !outcomes.TryGetValue(e.From, out var took) || took.Contains(e.Outcome);
        var targets = new HashSet<string>(passed, StringComparer.Ordinal);
        targets.UnionWith(current);

        var forward = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(passed);
        while (queue.TryDequeue(out var id))
            foreach (var e in definition.Outgoing(id).Where(Taken))
                if (Silent(e.To) && !passed.Contains(e.To) && forward.Add(e.To))
                    queue.Enqueue(e.To);

        var backward = new HashSet<string>(StringComparer.Ordinal);
        queue = new Queue<string>(targets);
        while (queue.TryDequeue(out var id))
            foreach (var e in definition.Incoming(id))
                if (Silent(e.From) && backward.Add(e.From))
                    queue.Enqueue(e.From);

        forward.IntersectWith(backward);
        return forward;
    }
}
