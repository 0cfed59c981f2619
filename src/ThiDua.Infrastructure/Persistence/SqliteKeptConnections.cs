using System.Collections.Concurrent;
using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Gives each pooled SQLite context a connection of its own that stays open from one scope to the next.
/// <para>
/// EF Core closes a connection it owns when a pooled context goes back to the pool. Opening it again on the next request
/// or approval took a native connection from Microsoft.Data.Sqlite's pool and registered EF Core's SQL functions on it
/// again, under a global lock; and closing it finalized every statement compiled on it, so nothing compiled once
/// (<see cref="SqliteStatementCache"/>) outlived a scope. A connection the context does not own is left open.
/// </para>
/// <para>
/// Such a connection is opened here, not by EF Core, so it gets the pragmas of <see cref="SqlitePragmaInterceptor"/>
/// here too. EF Core's own SQL functions (for decimal arithmetic and regular expressions) are not registered on it;
/// the model has neither. The connections are closed with the application's services.
/// </para>
/// </summary>
public sealed class SqliteKeptConnections : IDisposable
{
    /// <summary>
    /// At most this many connections are kept. EF Core's pool keeps every context a burst of requests made (up to 1,024),
    /// and each kept connection holds up to SQLite's 2 MB page cache for good; the contexts beyond it open their
    /// connection per scope as before, and Microsoft.Data.Sqlite's pool lets those go when idle.
    /// </summary>
    public const int MaxKept = 32;

    private readonly ConditionalWeakTable<DbContext, SqliteConnection> _byContext = [];
    private readonly ConcurrentBag<SqliteConnection> _opened = [];
    private int _count;
    private bool _disposed;

    /// <summary>Connections kept now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Puts the context on its kept connection, opening one for a context seen for the first time.</summary>
    public void Attach(DbContext db)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_byContext.TryGetValue(db, out var kept))
        {
            if (kept.State != ConnectionState.Open)
                Open(kept, db);
            return;
        }
        if (Interlocked.Increment(ref _count) > MaxKept)
        {
            Interlocked.Decrement(ref _count);
            // One open for the whole scope rather than one per query; EF Core closes it when the context goes back.
            if (db.Database.GetDbConnection().State != ConnectionState.Open)
                db.Database.OpenConnection();
            return;
        }
        SqliteConnection connection;
        try
        {
            connection = OpenNew(db.Database.GetConnectionString()!, db);
        }
        catch
        {
            Interlocked.Decrement(ref _count);
            throw;
        }
        db.Database.SetDbConnection(connection, contextOwnsConnection: false);
        _byContext.AddOrUpdate(db, connection);
        _opened.Add(connection);
    }

    /// <summary>
    /// Opens a connection with the settings the context's own connections get (the group commit's writer too). Without
    /// them a commit would not wait for the disk as configured and foreign keys would go unchecked: a context configured
    /// without them is refused.
    /// </summary>
    private static void Open(SqliteConnection connection, DbContext settingsFrom)
    {
        var pragmas = ContextInterceptors.Find<SqlitePragmaInterceptor>(settingsFrom)
            ?? throw new InvalidOperationException("A SQLite context without its connection settings (SqlitePragmaInterceptor).");
        connection.Open();
        pragmas.Apply(connection);
    }

    /// <summary>A new connection to the file, opened as <see cref="Open"/> does; disposed again if that fails.</summary>
    public static SqliteConnection OpenNew(string connectionString, DbContext settingsFrom)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            Open(connection, settingsFrom);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_opened.TryTake(out var connection))
            connection.Dispose();
    }
}
