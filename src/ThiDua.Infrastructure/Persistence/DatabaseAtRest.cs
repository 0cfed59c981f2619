using System.Data.Common;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Tells with plain SQL, before EF Core is built, whether a start has anything to do to the database. On the usual
/// restart every migration is applied, the reference data is there and every workflow file was imported before; then
/// the first page need not wait for EF Core's first context and first query (together three quarters of a second on
/// two cores), which the first request that reads data pays instead, while the background services warm EF up beside it.
/// Anything else (a new file, a pending migration, a changed chain, an empty table) goes the whole way through
/// <see cref="DatabaseInitializer"/>, as before.
/// </summary>
public static class DatabaseAtRest
{
    /// <summary>
    /// Run at every start, whichever way it goes: whatever the write-ahead log still holds (a migration, or a process
    /// that stopped without closing its connections) goes into the file and the log is emptied. Every process that opens
    /// the file otherwise reads the whole log again to index it: after the grant-copy migration on a million dossiers
    /// that was 1.3 GB, three seconds of each start and a slower read of every page found in it.
    /// </summary>
    public const string SqliteCheckpoint = "PRAGMA journal_mode=WAL; PRAGMA wal_checkpoint(TRUNCATE);";

    public static async Task<bool> CheckAsync(DatabaseOptions options, IReadOnlyCollection<string> workflowHashes, bool awardFormsFile, bool seedDemo, CancellationToken ct)
    {
        await using var connection = PlainConnections.Open(options);
        if (!await AllMigrationsAppliedAsync(connection, ProviderMigrationsAssembly.Ids(options.IsPostgres), ct))
            return false;
        if (!options.IsPostgres)
        {
            await using var checkpoint = connection.Command(SqliteCheckpoint);
            await checkpoint.ExecuteNonQueryAsync(ct);
        }
        if (awardFormsFile && !await AnyAsync(connection, "AwardForms", ct))
            return false;
        if (seedDemo && !await AnyAsync(connection, "Users", ct))
            return false;
        var imported = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = connection.Command("SELECT \"SourceHash\" FROM \"DefinitionVersions\" WHERE \"SourceHash\" IS NOT NULL"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                imported.Add(reader.GetString(0));
        return workflowHashes.All(imported.Contains);
    }

    internal static async Task<bool> AllMigrationsAppliedAsync(DbConnection connection, IReadOnlyList<string> known, CancellationToken ct)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var command = connection.Command("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"");
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                applied.Add(reader.GetString(0));
        }
        catch (DbException)
        {
            return false; // a new database: no history table yet
        }
        return known.Count > 0 && known.All(applied.Contains);
    }

    private static async Task<bool> AnyAsync(DbConnection connection, string table, CancellationToken ct)
    {
        await using var command = connection.Command($"SELECT EXISTS (SELECT 1 FROM \"{table}\")");
        return Convert.ToBoolean(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
