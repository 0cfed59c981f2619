using SQLitePCL;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// SQLite's process-wide settings, which it takes only before its first connection opens in the process (later it
/// refuses them and keeps its defaults).
/// <para>
/// By default SQLite counts the memory it has allocated, for <c>sqlite3_memory_used</c> and a soft heap limit, under
/// one lock shared by every connection of the process, taken at each allocation and each free. Nothing here reads the
/// count or sets a limit, and the approvals deciding in parallel on the two cores queued on that lock: without the
/// count an approval took about a tenth less CPU, 1.20 against 1.35 ms on average over five alternating pairs
/// (<c>bench/RESULTS.md</c>, item 50).
/// </para>
/// <para>And the log's writes are gathered into one per commit (<see cref="SqliteWalWriteBuffer"/>, item 53).</para>
/// </summary>
public static class SqliteProcessSettings
{
    private static readonly Lock Gate = new();
    private static bool? _applied;

    /// <summary>Whether the settings are in effect: false when a connection had opened before <see cref="Apply"/>.</summary>
    public static bool Applied => _applied == true;

    /// <summary>Whether each commit is one write to the write-ahead log (<see cref="SqliteWalWriteBuffer"/>).</summary>
    public static bool WalWritesBuffered { get; private set; }

    /// <summary>
    /// Sets them, once per process. Called where the application's persistence is registered, before anything opens
    /// a connection, and by the test and benchmark programs as they load.
    /// </summary>
    public static bool Apply()
    {
        lock (Gate)
        {
            if (_applied is { } done)
                return done;
            // What Microsoft.Data.Sqlite does first too: it chooses the native library and opens nothing.
            Batteries_V2.Init();
            _applied = raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0) == raw.SQLITE_OK;
            // After the configuration: looking the file system layer up starts SQLite, which then takes no more settings.
            WalWritesBuffered = SqliteWalWriteBuffer.Register();
            return _applied.Value;
        }
    }
}
