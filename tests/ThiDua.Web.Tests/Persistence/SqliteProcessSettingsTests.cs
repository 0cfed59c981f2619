using Microsoft.Data.Sqlite;
using SQLitePCL;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Web.Tests.Persistence;

public sealed class SqliteProcessSettingsTests
{
    [Fact]
    public void SQLite_runs_without_its_global_memory_count_and_the_settings_are_taken_once()
    {
        Assert.True(SqliteProcessSettings.Applied);
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (x TEXT); INSERT INTO t VALUES (hex(randomblob(5000))); SELECT length(x) FROM t;";
        Assert.Equal(10_000L, command.ExecuteScalar());
        // Counted, every allocation would take one lock shared by all connections of the process.
        Assert.Equal(0L, raw.sqlite3_memory_used());
        // SQLite is running now: a second call changes nothing and reports what the first did.
        Assert.True(SqliteProcessSettings.Apply());
    }
}
