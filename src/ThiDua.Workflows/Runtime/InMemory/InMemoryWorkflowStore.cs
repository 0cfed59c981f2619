namespace ThiDua.Workflows.Runtime.InMemory;

/// <summary>
/// A non-durable store for the engine alone: engine tests, the designer's dry run (which must not touch
/// real data) and the in-memory transition benchmark. Production always uses the EF Core store.
/// </summary>
public sealed class InMemoryWorkflowStore
{
    internal readonly Dictionary<Guid, WorkflowInstance> Instances = [];
    internal readonly Dictionary<Guid, Bookmark> Bookmarks = [];
    internal readonly Dictionary<Guid, List<Bookmark>> OpenByInstance = [];
    internal readonly HashSet<(Guid, Guid)> Ballots = [];
    internal readonly Dictionary<Guid, DossierFacts> Dossiers = [];
    public List<JournalEntry> Journal { get; } = [];
    public List<OutboxMessage> Outbox { get; } = [];
    public Dictionary<Guid, DossierProgress> Progress { get; } = [];
    /// <summary>When false, journal entries and emails are counted, not kept: a long benchmark should measure transitions, not list growth.</summary>
    public bool KeepRecords { get; set; } = true;
    public long JournalCount { get; internal set; }
    public long OutboxCount { get; internal set; }

    public IReadOnlyCollection<WorkflowInstance> AllInstances => Instances.Values;
    public IReadOnlyCollection<Bookmark> AllBookmarks => Bookmarks.Values;

    public void AddDossier(DossierFacts facts) => Dossiers[facts.DossierId] = facts;

    public IWorkflowSession Session() => new InMemoryWorkflowSession(this);

    public IEnumerable<Bookmark> Open(Guid dossierId) =>
        Bookmarks.Values.Where(b => b.DossierId == dossierId && b.Status == BookmarkStatus.Open);
}
