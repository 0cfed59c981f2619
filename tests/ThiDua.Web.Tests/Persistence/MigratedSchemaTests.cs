using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>The hand-written migrations must build exactly the schema the EF model describes (the design package that would check this is not available).</summary>
public sealed class MigratedSchemaTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thidua-schema-").FullName;

    private ThiDuaDbContext Context(string file) => new(new DbContextOptionsBuilder<ThiDuaDbContext>()
        .UseSqlite($"Data Source={Path.Combine(_folder, file)}")
        .ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly, ProviderMigrationsAssembly>()
        .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
        .Options);

    [Fact]
    public async Task Migrations_create_the_same_tables_columns_keys_and_indexes_as_the_model()
    {
        await using (var migrated = Context("migrated.db"))
            await migrated.Database.MigrateAsync();
        await using (var created = Context("created.db"))
            await created.Database.EnsureCreatedAsync();

        // The grants' copy of the search index's rowid is made by a migration only, like the index itself.
        var rowid = Infrastructure.Persistence.Migrations.Sqlite.DossierAccessRowid.Column;
        var fromMigrations = Describe(Path.Combine(_folder, "migrated.db"));
        Assert.Equal(2, fromMigrations.Count(l => l.Contains(rowid, StringComparison.Ordinal)));
        fromMigrations.RemoveAll(l => l.Contains(rowid, StringComparison.Ordinal));
        var fromModel = Describe(Path.Combine(_folder, "created.db"));
        Assert.True(fromModel.Count > 50, "the schema description should list every column and index");
        Assert.Equal(fromModel, fromMigrations);
    }

    [Fact]
    public async Task The_search_index_that_the_model_cannot_describe_follows_inserts_edits_and_deletes()
    {
        var file = Path.Combine(_folder, "search.db");
        await using (var db = Context("search.db"))
            await db.Database.MigrateAsync();
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        Assert.Equal(["Dossiers_AfterDelete_Search", "Dossiers_AfterInsert_Search", "Dossiers_AfterUpdate_Search"],
            Query(connection, "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='Dossiers' AND name LIKE '%\\_Search' ESCAPE '\\' ORDER BY name").Select(r => r[0]));
        var org = Query(connection, "SELECT Id FROM Organizations LIMIT 1").SingleOrDefault()?[0];
        Exec(connection, "PRAGMA foreign_keys=OFF");
        Exec(connection, $"""
            INSERT INTO Dossiers (Id, Code, NomineeKind, NomineeName, NomineeSearch, AwardFormCode, UnitOrgId, State, CreatedBy, CreatedAt, UpdatedAt, Version)
            VALUES ('D1', 'HS-2026-000777', 'individual', 'Nguyễn Văn Ất', 'nguyen van at', 'giay-khen', '{org ?? "O1"}', 'Draft', 'U1', '2026-01-01', '2026-01-01', 1)
            """);
        // The index holds trigrams without positions: it is asked for rows holding all of them.
        List<string> Match(string query) => Query(connection, $"""SELECT d.Id FROM "DossierSearch" s JOIN Dossiers d ON d.rowid = s.rowid WHERE "DossierSearch" MATCH '{query}'""").Select(r => r[0]).ToList();
        Assert.Equal(["D1"], Match("\"uye\" AND \"n a\""));
        Assert.Equal(["D1"], Match("\"777\""));
        Exec(connection, "UPDATE Dossiers SET NomineeSearch = 'tran thi binh', UpdatedAt = '2026-01-02' WHERE Id = 'D1'");
        Assert.Empty(Match("\"uye\""));
        Assert.Equal(["D1"], Match("\"i b\" AND \"inh\""));
        Exec(connection, "DELETE FROM Dossiers WHERE Id = 'D1'");
        Assert.Empty(Match("\"inh\""));
        Assert.Empty(Match("\"777\""));
        Exec(connection, """INSERT INTO "DossierSearch"("DossierSearch", rank) VALUES ('integrity-check', 1)""");
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static List<string> Describe(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        var lines = new List<string>();
        // The FTS5 search index (a virtual table and its shadow tables) is made by a migration only: EF cannot model it.
        var tables = Query(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%' ORDER BY name")
            .Select(r => r[0])
            .Where(t => t != Infrastructure.Persistence.Migrations.Sqlite.DossierSearchIndex.Table && !t.StartsWith(Infrastructure.Persistence.Migrations.Sqlite.DossierSearchIndex.Table + "_", StringComparison.Ordinal))
            .ToList();
        foreach (var t in tables)
        {
            lines.AddRange(Query(connection, $"PRAGMA table_info('{t}')").Select(r => $"{t} column {r[1]} {r[2]} notnull={r[3]} pk={r[5]}"));
            lines.AddRange(Query(connection, $"PRAGMA foreign_key_list('{t}')").Select(r => $"{t} fk {r[3]} -> {r[2]}.{r[4]} on delete {r[6]}"));
            foreach (var index in Query(connection, $"PRAGMA index_list('{t}')"))
            {
                var columns = string.Join(",", Query(connection, $"PRAGMA index_info('{index[1]}')").Select(r => r[2]));
                // Partial: an index of open bookmarks only that a migration made whole would be written on every completion.
                lines.Add($"{t} index {index[1]} unique={index[2]} partial={index[4]} ({columns})");
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static List<string[]> Query(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToArray());
        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
