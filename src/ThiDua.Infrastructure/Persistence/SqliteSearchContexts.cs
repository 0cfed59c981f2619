using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Database contexts kept for the tracking board's free-text searches on SQLite, each on its own connection with a
/// large page cache, handed out newest first.
/// <para>
/// A broad search reads thousands of dossier rows found through the trigram index, scattered over the file: on a
/// million dossiers about 5 µs each when SQLite's page cache (2 MB by default) misses and the page is read from the
/// operating system, under 1 µs from the cache. Giving every pooled connection a large cache multiplied the memory
/// (EF Core's pool hands its contexts out in turn, so each filled its own cache with the same pages); here only the
/// searches' connections get one, and the most recently used is handed out first, so one search after another finds
/// the pages the previous ones read.
/// </para>
/// <para>
/// A search that finds every kept context busy gets a new one; only <see cref="KeptIdle"/> are kept afterwards, the rest
/// are closed with their caches (unpooled connections, so a closed one is not handed to the rest of the application
/// with its large cache).
/// </para>
/// </summary>
public sealed class SqliteSearchContexts(Func<ThiDuaDbContext> create) : IDisposable
{
    public const int KeptIdle = 2;

    private readonly ConcurrentStack<ThiDuaDbContext> _idle = new();
    private bool _disposed;

    public Lease Rent()
    {
        if (!_idle.TryPop(out var db))
        {
            db = create();
            db.Database.OpenConnection();
        }
        return new Lease(this, db);
    }

    private void Return(ThiDuaDbContext db)
    {
        db.ChangeTracker.Clear();
        if (_disposed || _idle.Count >= KeptIdle)
        {
            db.Dispose();
            return;
        }
        _idle.Push(db);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryPop(out var db))
            db.Dispose();
    }

    public readonly struct Lease(SqliteSearchContexts owner, ThiDuaDbContext db) : IDisposable
    {
        public ThiDuaDbContext Db => db;
        public void Dispose() => owner.Return(db);
    }
}
