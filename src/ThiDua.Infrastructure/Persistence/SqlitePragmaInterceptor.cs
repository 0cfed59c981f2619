using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings: synchronous level, foreign keys and the busy timeout. WAL is a property of the
/// file and is set once at startup; these are per connection, so every pooled connection gets them.
/// <para>
/// busy_timeout: a writer that finds the database locked waits inside SQLite, which retries within a millisecond or
/// two of the lock being released. Without it Microsoft.Data.Sqlite retries SQLITE_BUSY itself after sleeping
/// 150 ms, so under concurrent approvals most of the time went to sleeping while the database was idle.
/// </para>
/// </summary>
internal sealed class SqlitePragmaInterceptor(string synchronous) : DbConnectionInterceptor
{
    private readonly string _sql = $"PRAGMA synchronous={(synchronous.ToUpperInvariant() is "NORMAL" or "OFF" or "EXTRA" ? synchronous.ToUpperInvariant() : "FULL")}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={BusyTimeoutMs};";

    /// <summary>As long as the default command timeout (30 s): a writer waits its turn rather than failing.</summary>
    public const int BusyTimeoutMs = 30_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = _sql;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = _sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
