using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Lets one workflow run at a time commit to a given SQLite file from this process. SQLite has a single writer:
/// concurrent approvals otherwise all start their write transaction, and every loser waits in SQLite's busy handler,
/// which sleeps 1, 2, 5 … 100 ms between attempts while the lock may already be free. Queuing them here hands the
/// lock over as soon as the previous commit ends. Reads are not gated (WAL lets them run beside the writer), nor is
/// PostgreSQL, which has row locks.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the file's turn; dispose the result once the transaction has committed or failed.</summary>
    public static async ValueTask<IDisposable?> EnterAsync(DbContext db, CancellationToken ct)
    {
        if (!db.Database.OnSqlite())
            return null;
        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }
}
