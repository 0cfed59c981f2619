namespace ThiDua.Workflows.Definitions;

/// <summary>From a node, on one of its outcomes, to the next node.</summary>
public sealed record EdgeDefinition(string From, string Outcome, string To)
{
    public const string DefaultOutcome = "Done";
}
