namespace ThiDua.Workflows.Runtime;

/// <summary>
/// One unit of work for the runtime. Everything the runtime adds or changes through it is committed
/// together by the caller (instance, bookmarks, journal, outbox, dossier status) or not at all.
/// Objects returned by the Find methods are tracked: changing them is enough to have them saved.
/// </summary>
public interface IWorkflowSession
{
    ValueTask<WorkflowInstance?> FindInstanceAsync(Guid id, CancellationToken ct);

    ValueTask<Bookmark?> FindBookmarkAsync(Guid id, CancellationToken ct);

    ValueTask<IReadOnlyList<Bookmark>> OpenBookmarksAsync(Guid instanceId, CancellationToken ct);

    ValueTask<bool> HasVotedAsync(Guid bookmarkId, Guid userId, CancellationToken ct);

    ValueTask<DossierFacts?> LoadDossierAsync(Guid dossierId, CancellationToken ct);

    void Add(WorkflowInstance instance);

    void Add(Bookmark bookmark);

    void Add(JournalEntry entry);

    void Add(OutboxMessage message);

    void Add(VoteBallot ballot);

    /// <summary>The label, level and state secretaries see on the dossier changed.</summary>
    void DossierProgressChanged(Guid dossierId, DossierProgress progress);
}

/// <summary>What the tracking board shows about where a dossier is. Null members are left unchanged.</summary>
public sealed record DossierProgress(string? Label, string? Level, string? State, string? Result = null);

/// <summary>Dossier states the runtime reports; the web layer owns their Vietnamese names.</summary>
public static class DossierStates
{
    public const string Draft = "Draft";
    public const string InProgress = "InProgress";
    public const string Returned = "Returned";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string Withdrawn = "Withdrawn";
    public const string Faulted = "Faulted";

    public static readonly IReadOnlyList<string> All = [Draft, InProgress, Returned, Approved, Rejected, Withdrawn, Faulted];
}
