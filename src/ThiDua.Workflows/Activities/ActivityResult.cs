namespace ThiDua.Workflows.Activities;

using ThiDua.Workflows.Runtime;

/// <summary>What an activity tells the runtime to do next.</summary>
public abstract record ActivityResult
{
    /// <summary>Follow the edges for this outcome.</summary>
    public sealed record Continue(string Outcome) : ActivityResult;

    /// <summary>Stop this path here until the bookmark is resumed.</summary>
    public sealed record Wait(Bookmark Bookmark) : ActivityResult;

    /// <summary>Wait for a child workflow that the runtime starts now.</summary>
    public sealed record CallChild(Bookmark Bookmark, string DefinitionId) : ActivityResult;

    /// <summary>The instance is finished with this result.</summary>
    public sealed record Complete(string Result, string? Label) : ActivityResult;

    /// <summary>This path stops without waiting, e.g. a Join that still waits for other branches.</summary>
    public sealed record Absorb : ActivityResult;
}
