using ThiDua.Workflows.Definitions;

namespace ThiDua.Workflows.Activities;

/// <summary>The activity types the engine knows. One registry serves the validator, the runtime and the designer's toolbox.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, Activity> _byType;

    public ActivityRegistry(IEnumerable<Activity> activities) =>
        _byType = activities.ToDictionary(a => a.Type, StringComparer.Ordinal);

    public static ActivityRegistry Default { get; } = new(
    [
        new StartActivity(), new EndActivity(), new ApprovalActivity(), new CouncilVoteActivity(), new SwitchActivity(),
        new ForkActivity(), new JoinActivity(), new TimerActivity(), new SendEmailActivity(), new CallWorkflowActivity(), new SetStatusActivity(),
    ]);

    public IReadOnlyCollection<Activity> All => _byType.Values;

    public Activity? Find(string type) => _byType.GetValueOrDefault(type);

    public Activity Get(string type) => Find(type) ?? throw new InvalidOperationException($"Unknown activity type '{type}'.");

    public IReadOnlyList<string> OutcomesOf(NodeDefinition node) => Find(node.Type)?.DeclaredOutcomes(node) ?? [];
}
