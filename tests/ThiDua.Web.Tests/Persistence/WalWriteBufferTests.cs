using Microsoft.Data.Sqlite;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>
/// The write-ahead log's writes are gathered into a few per commit (<see cref="SqliteWalWriteBuffer"/>). What must
/// not change: at the moment a commit returns, the files hold it, for other connections and for a process that
/// stops right then (a copy of the files taken at that moment is what a restart would find).
/// </summary>
public sealed class WalWriteBufferTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thidua-wal-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void The_process_writes_its_logs_through_the_buffering_layer()
    {
        Assert.True(SqliteProcessSettings.Apply());
        Assert.True(SqliteProcessSettings.WalWritesBuffered);
        Assert.True(SqliteWalWriteBuffer.IsDefault);
    }

    [Theory]
    [InlineData("FULL")]
    [InlineData("NORMAL")]
    public void Every_commit_is_in_the_files_when_it_returns_whatever_its_size_and_after_rolled_back_work(string synchronous)
    {
        var path = Path.Combine(_folder, $"log-{synchronous}.db");
        using var writer = Open(path);
        // No checkpoint: the commits stay in the log, which is what this checks. A small page cache makes the large
        // transactions write pages to the log before they commit (and before one of them rolls back).
        Run(writer, $"PRAGMA synchronous={synchronous}; PRAGMA wal_autocheckpoint=0; PRAGMA cache_size=20; CREATE TABLE t (n INTEGER, payload BLOB);");
        using var reader = Open(path);
        var expected = 0L;

        for (var i = 0; i < 50; i++)
        {
            Run(writer, "INSERT INTO t VALUES (1, randomblob(300))");
            expected++;
            if (i % 10 == 9)
                AssertHeld(path, reader, expected);
        }

        // Larger than what is held before a write (128 KB): about 3 MB in one commit.
        Run(writer, "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 3000) INSERT INTO t SELECT 1, randomblob(1000) FROM s");
        expected += 3000;
        AssertHeld(path, reader, expected);

        // Pages written to the log and then abandoned, by a rollback and by a savepoint's, before the next commits.
        Run(writer, "BEGIN; WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 2000) INSERT INTO t SELECT 2, randomblob(1000) FROM s; ROLLBACK;");
        Run(writer, """
            BEGIN;
            INSERT INTO t VALUES (1, randomblob(300));
            SAVEPOINT run;
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 1000) INSERT INTO t SELECT 3, randomblob(1000) FROM s;
            ROLLBACK TO run;
            RELEASE run;
            UPDATE t SET payload = randomblob(500) WHERE rowid % 7 = 0;
            COMMIT;
            """);
        expected++;
        AssertHeld(path, reader, expected);

        // A rollback that reads nothing back from the log (all of it moved into the database first), then another
        // connection commits over where the rolled-back pages had been written, and the first reads the log again.
        Run(writer, "PRAGMA wal_checkpoint(TRUNCATE)");
        Run(writer, "BEGIN; WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 300) INSERT INTO t SELECT 4, randomblob(1000) FROM s; ROLLBACK;");
        using (var other = Open(path))
        {
            Run(other, $"PRAGMA synchronous={synchronous}; PRAGMA wal_autocheckpoint=0;");
            Run(other, "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 1000) INSERT INTO t SELECT 1, randomblob(1000) FROM s");
        }
        expected += 1000;
        Assert.Equal(expected, Scalar(writer, "SELECT COUNT(*) FROM t"));
        Run(writer, "INSERT INTO t VALUES (1, randomblob(300))");
        expected++;
        AssertHeld(path, reader, expected);
        Assert.Equal("ok", Scalar(reader, "PRAGMA integrity_check"));
        Assert.Equal(0L, Scalar(reader, "SELECT COUNT(*) FROM t WHERE n <> 1"));
    }

    [Fact]
    public void A_commit_of_many_pages_is_a_few_writes_not_two_per_page()
    {
        var path = Path.Combine(_folder, "writes.db");
        using var writer = Open(path);
        Run(writer, "PRAGMA synchronous=FULL; CREATE TABLE t (payload BLOB);");
        var frames = FramesIn(path);
        // SQLite does its writing on the thread that runs the statement: that thread's count of write calls.
        var before = ThreadWriteCalls();
        Run(writer, "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 200) INSERT INTO t SELECT randomblob(3500) FROM s");
        var calls = ThreadWriteCalls() - before;
        var pages = FramesIn(path) - frames;
        Assert.True(pages >= 200, $"the commit should add a page per row to the log, added {pages}");
        // Unbuffered: a header and a page per frame, over 400 calls. Buffered: one call per 31 pages, and the WAL header.
        Assert.InRange(calls, 1, pages / 31 + 3);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Run(connection, "PRAGMA journal_mode=WAL");
        return connection;
    }

    /// <summary>What another connection sees now, and what a copy of the files taken now holds: the latter is what a restart would find.</summary>
    private void AssertHeld(string path, SqliteConnection reader, long rows)
    {
        Assert.Equal(rows, Scalar(reader, "SELECT COUNT(*) FROM t"));
        var copy = Path.Combine(_folder, $"copy-{Guid.NewGuid():N}.db");
        File.Copy(path, copy);
        File.Copy(path + "-wal", copy + "-wal");
        using var restarted = Open(copy);
        Assert.Equal("ok", Scalar(restarted, "PRAGMA integrity_check"));
        Assert.Equal(rows, Scalar(restarted, "SELECT COUNT(*) FROM t"));
    }

    private static long FramesIn(string path) => (new FileInfo(path + "-wal").Length - 32) / (4096 + 24);

    private static long ThreadWriteCalls() =>
        File.ReadLines("/proc/thread-self/io").Where(l => l.StartsWith("syscw:", StringComparison.Ordinal)).Select(l => long.Parse(l[6..].Trim())).Single();

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
