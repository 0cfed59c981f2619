using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>
/// A start-up empties the write-ahead log that an earlier process left behind (a migration, a bulk import, a process
/// that stopped without closing its connections), so the next starts do not read it all again.
/// </summary>
public sealed class WalCheckpointTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public async Task Starting_again_moves_a_large_write_ahead_log_into_the_file_and_empties_it()
    {
        _ = app.Services; // the host migrates and seeds the file
        var wal = app.DatabasePath + "-wal";

        // Another process's bulk write, its connection still open so closing it does not checkpoint.
        await using var other = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        await other.OpenAsync();
        await using (var cmd = other.CreateCommand())
        {
            cmd.CommandText = """
                CREATE TABLE "BulkScratch" ("Payload" TEXT NOT NULL);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
                INSERT INTO "BulkScratch" SELECT printf('%.500c', 'x') FROM n;
                """;
            await cmd.ExecuteNonQueryAsync();
        }
        Assert.True(new FileInfo(wal).Length > 5_000_000, $"the bulk write should leave a large log, found {new FileInfo(wal).Length} bytes");

        await app.Services.GetRequiredService<DatabaseStartup>().InitializeAsync(CancellationToken.None);

        Assert.Equal(0, new FileInfo(wal).Length);
        await using (var count = other.CreateCommand())
        {
            count.CommandText = "SELECT COUNT(*) FROM \"BulkScratch\"";
            Assert.Equal(20000L, await count.ExecuteScalarAsync());
        }
    }
}
