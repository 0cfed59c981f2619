namespace ThiDua.Workflows.Activities;

/// <summary>What the validator may know beyond the definition itself, e.g. which sub-workflows and email templates exist.</summary>
public sealed record ValidationContext(
    Func<string, IReadOnlyList<string>?>? SubWorkflowResults = null,
    Func<string, bool>? TemplateExists = null)
{
    public static readonly ValidationContext Empty = new();
}
