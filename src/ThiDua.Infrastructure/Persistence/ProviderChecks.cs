using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Whether a context is on SQLite, asked on every approval's way to the write turn. EF Core's <c>IsSqlite()</c>
/// compares the provider's name, which it reads from the provider assembly's name each time (reflection and an
/// allocation): half a percent of an approval's CPU in a <c>perf</c> profile (<c>bench/RESULTS.md</c>, item 56).
/// </summary>
internal static class ProviderChecks
{
    public static bool OnSqlite(this DatabaseFacade database) => database.GetDbConnection() is SqliteConnection;
}
