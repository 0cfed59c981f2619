using Microsoft.Data.Sqlite;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>The connection and open transaction a group of saves writes through (<see cref="SqliteGroupCommit"/>).</summary>
internal sealed record SqliteWriteTurn(SqliteConnection Connection, SqliteTransaction Transaction);
