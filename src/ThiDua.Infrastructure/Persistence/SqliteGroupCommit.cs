using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Commits the workflow runs that are waiting for the SQLite write turn together, in one transaction.
/// <para>
/// With synchronous=FULL every commit waits for the disk to confirm the write (an fsync); with one run per commit,
/// approvals per second could never exceed fsyncs per second, while the runs themselves (loading, deciding) happen
/// in parallel. Whoever gets the write turn (<see cref="SqliteWriteGate"/>) saves everything queued behind it:
/// each run's SaveChanges in its own savepoint (EF Core makes one when a transaction is already open), so a run that
/// loses a version check is rolled back alone and the others still commit, then one COMMIT for all of them.
/// A run learns its result only after that COMMIT, so an acknowledged approval is always on disk.
/// </para>
/// <para>
/// The runs' contexts borrow the first run's connection for the moment of their save and get their own back
/// afterwards. PostgreSQL is not grouped: it has row locks, and each session commits on its own.
/// </para>
/// </summary>
public static class SqliteGroupCommit
{
    /// <summary>Bounds how long the first run of a group waits for the last one's save.</summary>
    public const int MaxGroup = 32;

    private static readonly ConcurrentDictionary<string, Queue> Files = new(StringComparer.Ordinal);

    /// <summary>
    /// Saves the context's changes, alone or with others queued for the same file. Not cancellable once queued:
    /// another run may already be saving this context, and an approval either commits whole or not at all.
    /// </summary>
    public static async Task SaveChangesAsync(DbContext db)
    {
        if (!db.Database.IsSqlite() || db.Database.CurrentTransaction is not null)
        {
            // A caller's own transaction decides when to commit; it cannot be grouped with others.
            using (await SqliteWriteGate.EnterAsync(db, CancellationToken.None))
                await db.SaveChangesAsync();
            return;
        }
        var queue = Files.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new Queue());
        // Finding what changed is the run's own work: done here, in parallel, not in the write turn everyone waits for.
        db.ChangeTracker.DetectChanges();
        var mine = new Pending(db);
        queue.Add(mine);
        using (await SqliteWriteGate.EnterAsync(db, CancellationToken.None))
        {
            // Queued items are taken oldest first, so when the turn comes either a previous group saved this run, or it
            // is at the head of the queue now.
            while (!mine.Done.Task.IsCompleted && queue.Take() is { Count: > 0 } group)
                await SaveGroupAsync(group);
        }
        await mine.Done.Task;
    }

    /// <summary>Runs queued for the file's write turn and not yet saved (tests wait on it to form a group).</summary>
    public static int Waiting(DbContext db) =>
        Files.TryGetValue(db.Database.GetConnectionString() ?? "", out var queue) ? queue.Count : 0;

    private static async Task SaveGroupAsync(List<Pending> group)
    {
        if (group.Count == 1)
        {
            await SaveAloneAsync(group[0]);
            return;
        }

        var lead = group[0].Db.Database;
        Exception? commitFailure = null;
        try
        {
            await lead.OpenConnectionAsync();
            try
            {
                await using var tx = await lead.BeginTransactionAsync();
                var connection = lead.GetDbConnection();
                foreach (var item in group)
                    item.Error = await SaveInAsync(item.Db, connection, tx.GetDbTransaction());
                await tx.CommitAsync();
            }
            finally
            {
                await lead.CloseConnectionAsync();
            }
        }
        catch (Exception ex)
        {
            commitFailure = ex;
        }

        foreach (var item in group.Where(i => ReferenceEquals(i.Error, NotJoined)))
            await SaveAloneAsync(item);

        foreach (var item in group.Where(i => !i.Done.Task.IsCompleted))
        {
            if ((commitFailure ?? item.Error) is { } error)
                item.Done.SetException(error);
            else
            {
                item.Db.ChangeTracker.AcceptAllChanges();
                item.Done.SetResult();
            }
        }
    }

    /// <summary>A run committed in a transaction of its own (SaveChanges makes one), answered at once.</summary>
    private static async Task SaveAloneAsync(Pending item)
    {
        try
        {
            await SaveDetectedAsync(item.Db, accept: true);
            item.Done.SetResult();
        }
        catch (Exception ex)
        {
            item.Done.SetException(ex);
        }
    }

    /// <summary>One run's save inside the group's transaction; its failure is its own (EF rolled back its savepoint).</summary>
    private static async Task<Exception?> SaveInAsync(DbContext db, System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction)
    {
        var database = db.Database;
        var borrowed = !ReferenceEquals(database.GetDbConnection(), connection);
        var ownConnectionString = database.GetConnectionString();
        try
        {
            if (borrowed)
            {
                // A run keeps its own connection open (see AddThiDuaInfrastructure): let it go first. EF does not close a
                // connection it found open (the context pool keeps one open from an earlier scope), so that one is
                // closed directly; EF's own count of opens is released until it agrees to the change.
                if (!await SwitchConnectionAsync(database, connection, closeOwn: true))
                {
                    borrowed = false;
                    return NotJoined;
                }
                await database.UseTransactionAsync(transaction);
            }
            await SaveDetectedAsync(db, accept: false);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
        finally
        {
            if (borrowed)
            {
                await database.UseTransactionAsync(null);
                // Back to a connection of its own (EF opens a pooled one again on the next query), never the borrowed
                // one, which closes with the group: releasing EF's count of opens of it never closes it, as EF found it open.
                await SwitchConnectionAsync(database, null, closeOwn: false);
                database.SetConnectionString(ownConnectionString);
            }
        }
    }

    /// <summary>SaveChanges without detecting changes again (done before the run queued; nothing touches it since).</summary>
    private static async Task SaveDetectedAsync(DbContext db, bool accept)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: accept);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>A run whose context could not let its connection go; it is saved on its own after the group.</summary>
    private static readonly Exception NotJoined = new InvalidOperationException("not joined");

    private static async Task<bool> SwitchConnectionAsync(DatabaseFacade database, System.Data.Common.DbConnection? to, bool closeOwn)
    {
        if (closeOwn)
        {
            // EF closes its own connection when its count of opens comes back to zero; once closed it counts no further.
            for (var i = 0; i < 16 && database.GetDbConnection().State != System.Data.ConnectionState.Closed; i++)
                await database.CloseConnectionAsync();
            if (database.GetDbConnection().State != System.Data.ConnectionState.Closed)
                await database.GetDbConnection().CloseAsync();
        }
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                database.SetDbConnection(to, contextOwnsConnection: to is null);
                return true;
            }
            catch (InvalidOperationException) when (closeOwn)
            {
                // EF still counts an open of a connection that is closed already (seen under load in the web app);
                // the run keeps its connection and commits alone.
                return false;
            }
            catch (InvalidOperationException) when (attempt < 16)
            {
                // Opens of the borrowed connection still counted by EF; releasing them leaves it open, as EF did not open it.
                await database.CloseConnectionAsync();
            }
        }
    }

    private sealed class Pending(DbContext db)
    {
        public DbContext Db { get; } = db;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Exception? Error { get; set; }
    }

    private sealed class Queue
    {
        private readonly List<Pending> _items = [];

        public void Add(Pending item)
        {
            lock (_items)
                _items.Add(item);
        }

        public int Count
        {
            get
            {
                lock (_items)
                    return _items.Count;
            }
        }

        public List<Pending> Take()
        {
            lock (_items)
            {
                var n = Math.Min(_items.Count, MaxGroup);
                var group = _items.GetRange(0, n);
                _items.RemoveRange(0, n);
                return group;
            }
        }
    }
}
