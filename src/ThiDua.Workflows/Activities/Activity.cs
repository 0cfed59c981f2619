using ThiDua.Workflows.Definitions;

namespace ThiDua.Workflows.Activities;

/// <summary>
/// An activity type: how it is described to authors, what it needs to be valid, and what it does when reached.
/// Instances of these classes are stateless and shared; everything per run is in <see cref="ActivityContext"/>.
/// </summary>
public abstract class Activity
{
    public abstract string Type { get; }
    /// <summary>Vietnamese name shown in the designer's toolbox.</summary>
    public abstract string DisplayName { get; }
    public virtual string Description => "";
    /// <summary>True when reaching it can stop the run (a bookmark): loops must pass through one.</summary>
    public virtual bool IsWaitState => false;
    /// <summary>Only a Fork may have several edges on one outcome; elsewhere that is an authoring mistake.</summary>
    public virtual bool AllowsParallelEdges => false;
    public virtual IReadOnlyList<SettingSpec> Settings => [];

    public virtual IReadOnlyList<string> DeclaredOutcomes(NodeDefinition node) => [Outcomes.Done];

    /// <summary>Checks beyond the generic per-setting checks.</summary>
    public virtual void Validate(NodeDefinition node, ValidationContext context, List<ValidationError> errors)
    {
    }

    public abstract ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);
}
