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

        var fromMigrations = Describe(Path.Combine(_folder, "migrated.db"));
        var fromModel = Describe(Path.Combine(_folder, "created.db"));
        Assert.True(fromModel.Count > 50, "the schema description should list every column and index");
        Assert.Equal(fromModel, fromMigrations);
    }

    private static List<string> Describe(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        var lines = new List<string>();
        var tables = Query(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%' ORDER BY name").Select(r => r[0]).ToList();
        foreach (var t in tables)
        {
            lines.AddRange(Query(connection, $"PRAGMA table_info('{t}')").Select(r => $"{t} column {r[1]} {r[2]} notnull={r[3]} pk={r[5]}"));
            lines.AddRange(Query(connection, $"PRAGMA foreign_key_list('{t}')").Select(r => $"{t} fk {r[3]} -> {r[2]}.{r[4]} on delete {r[6]}"));
            foreach (var index in Query(connection, $"PRAGMA index_list('{t}')"))
            {
                var columns = string.Join(",", Query(connection, $"PRAGMA index_info('{index[1]}')").Select(r => r[2]));
                lines.Add($"{t} index {index[1]} unique={index[2]} ({columns})");
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
