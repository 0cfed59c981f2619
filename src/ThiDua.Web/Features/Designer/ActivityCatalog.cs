using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Designer;

public sealed record Option(string Value, string Label);

public sealed record SettingDescriptor(string Name, string Kind, string Label, bool Required, IReadOnlyList<Option>? Choices, string? Help);

/// <summary>
/// An activity type for the toolbox and property panel. <see cref="Outcomes"/> lists fixed outcomes; when
/// <see cref="OutcomesFrom"/> is set the outcomes come from that setting of the node (Approval and
/// CallWorkflow: "outcomes"; Switch: "cases" plus the default branch).
/// </summary>
public sealed record ActivityDescriptor(
    string Type, string Name, string Description, bool IsWaitState, bool AllowsParallelEdges,
    IReadOnlyList<SettingDescriptor> Settings, IReadOnlyList<string> Outcomes, string? OutcomesFrom);

public sealed record DefinitionOption(string Id, string Name, IReadOnlyList<string> Results);

public sealed record OrganizationOption(string Code, string Name, string Kind, string Path);

public sealed record DesignerCatalog(
    IReadOnlyList<ActivityDescriptor> Activities,
    IReadOnlyList<Option> Roles,
    IReadOnlyList<Option> OrgSelectors,
    IReadOnlyList<OrganizationOption> Organizations,
    IReadOnlyList<DefinitionOption> Definitions,
    IReadOnlyList<string> EmailTemplates,
    IReadOnlyDictionary<string, string> OutcomeLabels,
    IReadOnlyList<Option> SwitchOperators,
    IReadOnlyList<Option> SwitchFields,
    IReadOnlyList<Option> NomineeKinds,
    IReadOnlyList<Option> AwardForms);

/// <summary>Everything the designer's toolbox and property panel offer, from the same registry the validator and runtime use.</summary>
public sealed class ActivityCatalog(ThiDuaDbContext db, DefinitionStore store, OrgTree tree, IWebHostEnvironment env)
{
    private static readonly string[] OrderedTypes =
    [
        ActivityTypes.Start, ActivityTypes.Approval, ActivityTypes.CouncilVote, ActivityTypes.SetStatus, ActivityTypes.SendEmail,
        ActivityTypes.CallWorkflow, ActivityTypes.Switch, ActivityTypes.Fork, ActivityTypes.Join, ActivityTypes.Timer, ActivityTypes.End,
    ];

    public static IReadOnlyList<ActivityDescriptor> Activities(ActivityRegistry registry)
    {
        var empty = new NodeDefinition { Id = "_", Type = "_" };
        return registry.All
            .OrderBy(a => Array.IndexOf(OrderedTypes, a.Type) is var i and >= 0 ? i : int.MaxValue)
            .Select(a =>
            {
                var from = a.Type switch
                {
                    ActivityTypes.Approval or ActivityTypes.CallWorkflow => "outcomes",
                    ActivityTypes.Switch => "cases",
                    _ => null,
                };
                return new ActivityDescriptor(a.Type, a.DisplayName, a.Description, a.IsWaitState, a.AllowsParallelEdges,
                    a.Settings.Select(s => new SettingDescriptor(s.Name, s.Kind.ToString(), s.Label, s.Required,
                        s.Choices?.Select(c => new Option(c, DesignerVocabulary.Choice(c))).ToList(), s.Help)).ToList(),
                    from is null ? a.DeclaredOutcomes(empty) : [], from);
            })
            .ToList();
    }

    public async Task<DesignerCatalog> GetAsync(CancellationToken ct)
    {
        var view = await tree.GetAsync(ct);
        var organizations = view.All
            .Select(o => new OrganizationOption(o.Code, o.Name, o.Kind.ToString(), view.PathName(o.Id)))
            .OrderBy(o => o.Path, StringComparer.Ordinal)
            .ToList();

        var ids = await db.DefinitionVersions.AsNoTracking().Select(v => v.DefinitionId).Distinct().ToListAsync(ct);
        var definitions = new List<DefinitionOption>();
        var templates = new SortedSet<string>(StringComparer.Ordinal) { EmailTemplates.TaskAssigned, EmailTemplates.VoteOpened };
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            if (await store.GetLatestPublishedAsync(id, ct) is not { } d)
                continue;
            definitions.Add(new DefinitionOption(d.Id, d.Name, DefinitionStore.EndResults(d)));
            foreach (var n in d.Nodes.Where(n => n.Type == ActivityTypes.SendEmail))
                if (n.Settings.GetString("template") is { } t)
                    templates.Add(t);
        }
        // Template files, where the email feature keeps them (emails/*.txt beside the binaries or in the repository).
        foreach (var folder in new[] { Path.Combine(AppContext.BaseDirectory, "emails"), Path.Combine(env.ContentRootPath, "..", "..", "emails") })
            if (Directory.Exists(folder))
                foreach (var file in Directory.EnumerateFiles(folder, "*.txt"))
                    templates.Add(Path.GetFileNameWithoutExtension(file));

        var outcomeLabels = new[]
        {
            Outcomes.Done, Outcomes.Approve, Outcomes.Accept, Outcomes.Return, Outcomes.Reject, Outcomes.Resubmit, Outcomes.Withdraw,
            Outcomes.Passed, Outcomes.Failed, Outcomes.Fired, Outcomes.Default, DossierStates.Approved, DossierStates.Rejected, DossierStates.Withdrawn,
        }.ToDictionary(o => o, DesignerVocabulary.Outcome, StringComparer.Ordinal);

        var awards = await db.AwardForms.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.SortOrder).Select(a => new Option(a.Code, a.Name)).ToListAsync(ct);

        return new DesignerCatalog(
            Activities(ActivityRegistry.Default),
            Roles.All.Select(r => new Option(r, Roles.VietnameseName(r))).ToList(),
            ThiDua.Workflows.Runtime.OrgSelectors.Relative.Select(s => new Option(s, DesignerVocabulary.OrgSelector(s)))
                .Concat(organizations.Select(o => new Option(ThiDua.Workflows.Runtime.OrgSelectors.FixedPrefix + o.Code, "Cố định: " + o.Path)))
                .ToList(),
            organizations,
            definitions,
            [.. templates],
            outcomeLabels,
            SwitchActivity.Operators.Select(o => new Option(o, DesignerVocabulary.SwitchOperator(o))).ToList(),
            DesignerVocabulary.DossierFields.Select(f => new Option(f.Field, f.Label)).ToList(),
            ThiDua.Infrastructure.Dossiers.NomineeKinds.All.Select(k => new Option(k, ThiDua.Infrastructure.Dossiers.NomineeKinds.VietnameseName(k))).ToList(),
            awards);
    }
}
