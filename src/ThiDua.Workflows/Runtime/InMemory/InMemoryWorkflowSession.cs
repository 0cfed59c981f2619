namespace ThiDua.Workflows.Runtime.InMemory;

/// <summary>Writes straight into the store: there is no rollback, which is acceptable only where durability is not the point.</summary>
internal sealed class InMemoryWorkflowSession(InMemoryWorkflowStore store) : IWorkflowSession
{
    public ValueTask<WorkflowInstance?> FindInstanceAsync(Guid id, CancellationToken ct) => new(store.Instances.GetValueOrDefault(id));

    public ValueTask<Bookmark?> FindBookmarkAsync(Guid id, CancellationToken ct) => new(store.Bookmarks.GetValueOrDefault(id));

    public ValueTask<IReadOnlyList<Bookmark>> OpenBookmarksAsync(Guid instanceId, CancellationToken ct)
    {
        if (!store.OpenByInstance.TryGetValue(instanceId, out var list))
            return new([]);
        list.RemoveAll(b => b.Status != BookmarkStatus.Open);
        return new(list.ToList());
    }

    public ValueTask<bool> HasVotedAsync(Guid bookmarkId, Guid userId, CancellationToken ct) => new(store.Ballots.Contains((bookmarkId, userId)));

    public ValueTask<DossierFacts?> LoadDossierAsync(Guid dossierId, CancellationToken ct) => new(store.Dossiers.GetValueOrDefault(dossierId));

    public void Add(WorkflowInstance instance) => store.Instances[instance.Id] = instance;

    public void Add(Bookmark bookmark)
    {
        store.Bookmarks[bookmark.Id] = bookmark;
        if (!store.OpenByInstance.TryGetValue(bookmark.InstanceId, out var list))
            store.OpenByInstance[bookmark.InstanceId] = list = [];
        list.Add(bookmark);
    }

    public void Add(JournalEntry entry)
    {
        store.JournalCount++;
        if (store.KeepRecords)
            store.Journal.Add(entry);
    }

    public void Add(OutboxMessage message)
    {
        store.OutboxCount++;
        if (store.KeepRecords)
            store.Outbox.Add(message);
    }

    public void Add(VoteBallot ballot) => store.Ballots.Add((ballot.BookmarkId, ballot.UserId));

    public void DossierProgressChanged(Guid dossierId, DossierProgress progress)
    {
        var old = store.Progress.GetValueOrDefault(dossierId);
        store.Progress[dossierId] = old is null ? progress : new DossierProgress(progress.Label ?? old.Label, progress.Level ?? old.Level, progress.State ?? old.State, progress.Result ?? old.Result);
    }
}
