using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings: synchronous level and foreign keys. WAL is a property of the file
/// and is set once at startup; these two are per connection, so every pooled connection gets them.
/// </summary>
internal sealed class SqlitePragmaInterceptor(string synchronous) : DbConnectionInterceptor
{
    private readonly string _sql = $"PRAGMA synchronous={(synchronous.ToUpperInvariant() is "NORMAL" or "OFF" or "EXTRA" ? synchronous.ToUpperInvariant() : "FULL")}; PRAGMA foreign_keys=ON;";

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
