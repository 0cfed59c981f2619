namespace ThiDua.Workflows.Activities;

public enum SettingKind
{
    Text,
    Integer,
    /// <summary>A fraction in (0, 1], written as 0.8 or "2/3".</summary>
    Fraction,
    Boolean,
    Role,
    Organization,
    /// <summary>Outcome names a person may choose.</summary>
    Outcomes,
    /// <summary>"submitter" or "Role@selector" entries.</summary>
    Recipients,
    EmailTemplate,
    Definition,
    DateTime,
    /// <summary>ISO 8601 duration such as P2D or PT4H.</summary>
    Duration,
    Choice,
    /// <summary>Switch cases: structured conditions on dossier fields.</summary>
    Cases,
}

/// <summary>One setting of an activity, described for both the validator and the designer's property panel.</summary>
public sealed record SettingSpec(string Name, SettingKind Kind, string Label, bool Required = false, IReadOnlyList<string>? Choices = null, string? Help = null);
