using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Web.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests(PostgresServer server)
{
    private static ThiDuaDbContext Context(string cs) => new(new DbContextOptionsBuilder<ThiDuaDbContext>()
        .UseNpgsql(cs)
        .ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>()
        .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
        .Options);

    [Fact]
    public async Task The_postgres_migrations_create_exactly_the_schema_of_the_model()
    {
        var migrated = await server.CreateDatabaseAsync("schema_migrated");
        var created = await server.CreateDatabaseAsync("schema_created");
        await using (var db = Context(migrated))
        {
            await db.Database.MigrateAsync();
            var own = db.GetService<IMigrationsAssembly>().Migrations;
            Assert.All(own.Values, t => Assert.EndsWith(".Postgres", t.Namespace));
            Assert.Equal(own.Keys, await db.Database.GetAppliedMigrationsAsync());
            // The start-up check reads them without EF Core: a list short of one would skip a migration at start.
            Assert.Equal(own.Keys.Order(StringComparer.Ordinal), ProviderMigrationsAssembly.Ids(postgres: true));
        }
        await using (var db = Context(created))
            await db.Database.EnsureCreatedAsync();

        var fromModel = await DescribeAsync(created);
        Assert.True(fromModel.Count > 100);
        Assert.Equal(fromModel, await DescribeAsync(migrated));
    }

    private static async Task<List<string>> DescribeAsync(string cs)
    {
        var lines = new List<string>();
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        async Task Read(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                lines.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : reader.GetValue(i).ToString())));
        }
        await Read("""
            SELECT table_name, column_name, data_type, is_nullable, character_maximum_length, is_identity, identity_generation
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '__EFMigrations%'
            """);
        await Read("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '__EFMigrations%'");
        await Read("""
            SELECT tc.table_name, tc.constraint_name, tc.constraint_type, rc.delete_rule
            FROM information_schema.table_constraints tc LEFT JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name
            WHERE tc.table_schema = 'public' AND tc.table_name NOT LIKE '__EFMigrations%' AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY', 'UNIQUE')
            """);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
