using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Commits the workflow runs that are waiting for the SQLite write turn together, in one transaction.
/// <para>
/// With synchronous=FULL every commit waits for the disk to confirm the write (an fsync); with one run per commit,
/// approvals per second could never exceed fsyncs per second, while the runs themselves (loading, deciding) happen
/// in parallel. One queued run at a time leads: it takes the write turn (<see cref="SqliteWriteGate"/>) and saves
/// what is queued, up to <see cref="MaxGroup"/> runs at once, then one COMMIT for all of them. When a run fails (a lost
/// version check), the group is written again with each run in a savepoint of its own, so that run is rolled back
/// alone and the others still commit. A
/// run learns its result only after that COMMIT, so an acknowledged approval is always on disk.
/// </para>
/// <para>
/// A run's statements are made before it queues, in parallel with other runs: written straight from the change tracker
/// for the plain rows a workflow run adds and changes (<see cref="SqliteRowStatements"/>), else recorded from EF Core's
/// SaveChanges (<see cref="SqliteSaveRecording"/>), their values converted then too. The turn only binds and runs them,
/// through one connection per file that stays open while saves keep coming, its statements compiled once
/// (<see cref="SqliteTurnStatements"/>). PostgreSQL is not grouped: it has row locks, and each session commits on its own.
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
    /// <param name="untracked">
    /// Rows to add that the context does not track (a workflow run's journal entries and emails): written straight
    /// into the group's statements when they can be, else added to the context first.
    /// </param>
    public static async Task SaveChangesAsync(DbContext db, IReadOnlyList<object>? untracked = null)
    {
        untracked ??= [];
        if (!db.Database.OnSqlite() || db.Database.CurrentTransaction is not null || !Recordable(db))
        {
            // A caller's own transaction decides when to commit; it cannot be grouped with others.
            using (await SqliteWriteGate.EnterAsync(db, CancellationToken.None))
            {
                db.AddRange(untracked);
                await db.SaveChangesAsync();
            }
            return;
        }
        var queue = Files.GetOrAdd(db.Database.GetConnectionString() ?? "", static cs => new Queue(cs));
        // Finding what changed is the run's own work: done here, in parallel, not in the write turn everyone waits for.
        db.ChangeTracker.DetectChanges();
        // Written here without SaveChanges, whose interceptor would otherwise empty the reference cache.
        var touchesReference = ReferenceChangesInterceptor.Touches(db);
        var mine = new Pending((ThiDuaDbContext)db, await RecordAsync((ThiDuaDbContext)db, untracked));
        // One run at a time leads: it takes the write turn and saves what is queued. The others wait only for their
        // own result, not in the turn's queue: each of them passing through the turn in order after its group was
        // saved kept the next group from starting (a thread-pool hop each, behind the runs computing), and the turn
        // stood idle for a third of the time.
        if (!queue.Add(mine))
            await mine.Woken.Task;
        if (!mine.Settled)
            await LeadAsync(queue, mine, db);
        if (touchesReference)
            ReferenceCache.Clear(db);
        if (mine.Error is { } error)
            ExceptionDispatchInfo.Throw(error);
        // Here, by the run itself and in parallel with the others, not by the leader for the whole group inside the
        // turn, where it was a quarter of the turn's CPU.
        db.ChangeTracker.AcceptAllChanges();
    }

    /// <summary>
    /// Saves groups of queued runs, oldest first, until the one holding this run is saved; then hands the lead to the
    /// oldest run still queued, or leaves it to the next one to come when none is.
    /// </summary>
    private static async Task LeadAsync(Queue queue, Pending mine, DbContext db)
    {
        try
        {
            using (await SqliteWriteGate.EnterAsync(db, CancellationToken.None))
            {
                // Never empty before this run is saved: it is still queued.
                while (!mine.Settled)
                    SaveGroup(queue, queue.Take());
            }
        }
        finally
        {
            queue.HandOver();
        }
    }

    /// <summary>Runs queued for the file's write turn and not yet saved (tests wait on it to form a group).</summary>
    public static int Waiting(DbContext db) =>
        Files.TryGetValue(db.Database.GetConnectionString() ?? "", out var queue) ? queue.Count : 0;

    /// <summary>A save can be recorded only through <see cref="SqliteStatementCache"/>; without it, it saves alone.</summary>
    private static bool Recordable(DbContext db) =>
        db is ThiDuaDbContext && ContextInterceptors.Find<SqliteStatementCache>(db) is not null;

    /// <summary>
    /// The statements of the context's changes, made here, in parallel with other runs: by <see cref="SqliteRowStatements"/>
    /// when it covers them, else by the context's SaveChanges with its statements written down instead of run
    /// (<see cref="SqliteSaveRecording"/>). The changes stay pending in the context until the group has committed.
    /// </summary>
    private static async Task<IReadOnlyList<RecordedStatement>> RecordAsync(ThiDuaDbContext db, IReadOnlyList<object> untracked)
    {
        var database = db.Database;
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        // The caller has just detected the changes; neither way of writing them down needs that done again.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            if (SqliteRowStatements.TryWrite(db, untracked) is { } written)
                return written;
            // Tracked after all (added, so nothing to detect), for the ways of writing below.
            db.AddRange(untracked);
            if (untracked.Count > 0 && SqliteRowStatements.TryWrite(db, []) is { } tracked)
                return tracked;
            var recording = new SqliteSaveRecording();
            var autoTransaction = database.AutoTransactionBehavior;
            // No transaction of its own: nothing runs now, and in the turn the group's transaction holds the statements.
            database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            db.SaveRecording = recording;
            try
            {
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false);
            }
            finally
            {
                db.SaveRecording = null;
                database.AutoTransactionBehavior = autoTransaction;
            }
            return recording.Statements;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static void SaveGroup(Queue queue, List<Pending> group)
    {
        Exception? commitFailure = null;
        try
        {
            var writer = queue.Writer ??= Writer.Open(queue.ConnectionString, group[0].Db);
            if (!SaveTogether(writer, group))
                SaveRunByRun(writer, group);
        }
        catch (Exception ex)
        {
            commitFailure = ex;
            queue.CloseWriter();
        }
        finally
        {
            // Kept open while saves keep coming, so its statements stay compiled; closed when none waits, so an idle
            // process holds no connection of its own to the file.
            if (queue.Count == 0)
                queue.CloseWriter();
        }

        foreach (var item in group)
        {
            item.Error = commitFailure ?? item.Error;
            item.Settle();
        }
    }

    /// <summary>
    /// The group's runs in one transaction without a savepoint each; false, with nothing written, when one of them
    /// fails. Inside a savepoint SQLite copies every page a statement is about to change into the savepoint's journal
    /// first (in memory, a kilobyte per allocation), which was about a twentieth of an approval's CPU
    /// (<c>bench/RESULTS.md</c>, item 56); runs rarely fail, so the group pays for savepoints only when one does.
    /// </summary>
    private static bool SaveTogether(Writer writer, List<Pending> group)
    {
        using var transaction = writer.Connection.BeginTransaction();
        foreach (var item in group)
        {
            try
            {
                writer.Statements.Run(transaction, item.Statements);
            }
            catch (DbUpdateException ex) when (group.Count == 1)
            {
                item.Error = ex;
                transaction.Rollback();
                return true;
            }
            catch (DbUpdateException)
            {
                transaction.Rollback();
                return false;
            }
        }
        transaction.Commit();
        return true;
    }

    /// <summary>The group again, each run in a savepoint of its own, so the one that failed is undone alone.</summary>
    private static void SaveRunByRun(Writer writer, List<Pending> group)
    {
        using var transaction = writer.Connection.BeginTransaction();
        foreach (var item in group)
            item.Error = SaveIn(item, writer, transaction);
        transaction.Commit();
    }

    /// <summary>
    /// One run's recorded statements inside the group's transaction, in a savepoint of its own: a run that fails (a lost
    /// version check) is undone alone and the others still commit.
    /// </summary>
    private static Exception? SaveIn(Pending item, Writer writer, SqliteTransaction transaction)
    {
        writer.Statements.Run(Writer.Savepoint);
        try
        {
            writer.Statements.Run(transaction, item.Statements);
            writer.Statements.Run(Writer.Release);
            return null;
        }
        catch (DbUpdateException ex)
        {
            writer.Statements.Run(Writer.RollbackTo);
            writer.Statements.Run(Writer.Release);
            return ex;
        }
    }

    /// <summary>The connection the groups of one file write through, set up as the contexts' own connections are.</summary>
    private sealed class Writer(SqliteConnection connection) : IDisposable
    {
        public const string Savepoint = "SAVEPOINT \"run\";";
        public const string Release = "RELEASE \"run\";";
        public const string RollbackTo = "ROLLBACK TO \"run\";";

        public SqliteConnection Connection { get; } = connection;
        public SqliteTurnStatements Statements { get; } = new(connection);

        public static Writer Open(string connectionString, DbContext settingsFrom) =>
            new(SqliteKeptConnections.OpenNew(connectionString, settingsFrom));

        public void Dispose()
        {
            // Before the connection goes back to Microsoft.Data.Sqlite's pool: a statement left compiled would stay with it.
            Statements.Dispose();
            Connection.Dispose();
        }
    }

    private sealed class Pending(ThiDuaDbContext db, IReadOnlyList<RecordedStatement> statements)
    {
        private volatile bool _settled;

        public ThiDuaDbContext Db { get; } = db;
        public IReadOnlyList<RecordedStatement> Statements { get; } = statements;

        /// <summary>Completed when the run is saved or has failed (<see cref="Settled"/>), or when it is to lead.</summary>
        public TaskCompletionSource Woken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Settled => _settled;

        /// <summary>Why the run's save failed; null once it is saved.</summary>
        public Exception? Error { get; set; }

        public void Settle()
        {
            _settled = true;
            // Already completed for a run asked to lead, which saves its own group.
            Woken.TrySetResult();
        }
    }

    private sealed class Queue(string connectionString)
    {
        private readonly List<Pending> _items = [];
        private bool _leading;

        public string ConnectionString { get; } = connectionString;

        /// <summary>Open while groups follow one another; used only by the holder of the write turn.</summary>
        public Writer? Writer { get; set; }

        public void CloseWriter()
        {
            Writer?.Dispose();
            Writer = null;
        }

        /// <summary>Queues the run; true when no run leads, and this one is to lead now.</summary>
        public bool Add(Pending item)
        {
            lock (_items)
            {
                _items.Add(item);
                if (_leading)
                    return false;
                return _leading = true;
            }
        }

        /// <summary>Ends the lead: passed to the oldest queued run, or left to the next one to come.</summary>
        public void HandOver()
        {
            lock (_items)
            {
                if (_items.Count > 0)
                    _items[0].Woken.TrySetResult();
                else
                    _leading = false;
            }
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
