using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings: synchronous level, foreign keys, the busy timeout, where temporary data goes and how
/// large the write-ahead log may stay.
/// WAL is a property of the file and is set once at startup; these are per connection, so every pooled connection
/// gets them.
/// <para>
/// busy_timeout: a writer that finds the database locked waits inside SQLite, which retries within a millisecond or
/// two of the lock being released. Without it Microsoft.Data.Sqlite retries SQLITE_BUSY itself after sleeping
/// 150 ms, so under concurrent approvals most of the time went to sleeping while the database was idle.
/// </para>
/// <para>
/// temp_store=MEMORY: a statement that fires a trigger keeps a statement journal, which SQLite otherwise opens as a
/// temporary file, for every such statement. The dossier and grant triggers run in each approval several times; with
/// the journal on file an update that fired one cost about 50 µs more (a trigger doing nothing) to 200 µs more, in
/// memory about 5 to 70 µs. The journal holds only the pages one statement changes, and the board's sorts are capped.
/// </para>
/// <para>
/// EF Core opens and closes the connection around every query, and Microsoft.Data.Sqlite hands back the same native
/// connection from its pool each time: the settings are applied once per native connection, not once per query
/// (they were a sixth of the statements of an approval).
/// </para>
/// </summary>
/// <param name="cacheKiB">A page cache larger than SQLite's 2 MB, for the search connections (see SqliteSearchContexts).</param>
internal sealed class SqlitePragmaInterceptor(string synchronous, int? cacheKiB = null) : DbConnectionInterceptor
{
    private readonly string _sql = $"PRAGMA synchronous={(synchronous.ToUpperInvariant() is "NORMAL" or "OFF" or "EXTRA" ? synchronous.ToUpperInvariant() : "FULL")}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={BusyTimeoutMs}; PRAGMA temp_store=MEMORY; PRAGMA journal_size_limit={JournalSizeLimit};"
        + (cacheKiB is { } kib ? $" PRAGMA cache_size=-{kib};" : "");

    /// <summary>
    /// The write-ahead log is cut back to this size when a checkpoint has emptied it, instead of keeping the largest
    /// size it ever reached (a migration or a bulk import leaves gigabytes that every later open reads again).
    /// </summary>
    public const long JournalSizeLimit = 64L * 1024 * 1024;

    /// <summary>As long as the default command timeout (30 s): a writer waits its turn rather than failing.</summary>
    public const int BusyTimeoutMs = 30_000;

    /// <summary>Native connections already set up; weak, so a connection closed by the pool is forgotten with it.</summary>
    private readonly ConditionalWeakTable<object, object> _configured = [];

    private bool Configured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && _configured.TryGetValue(handle, out _);

    private void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
            _configured.AddOrUpdate(handle, handle);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    /// <summary>The settings on a connection opened without EF Core (the group commit's writer).</summary>
    public void Apply(DbConnection connection)
    {
        if (Configured(connection))
            return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = _sql;
        cmd.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Configured(connection))
            return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = _sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }
}
