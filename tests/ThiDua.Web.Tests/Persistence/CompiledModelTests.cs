using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Infrastructure.Persistence.CompiledModel;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>
/// The app on SQLite reads and writes through the model compiled by tools/compiled-model.sh, not through the entity
/// configurations. If a configuration changes and the compiled model is not regenerated, the app would silently map
/// the old schema: this fails first.
/// </summary>
public sealed class CompiledModelTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public async Task The_app_uses_the_compiled_model_and_it_maps_the_same_schema_as_the_configurations()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Same(ThiDuaDbContextModel.Instance, scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>().Model);

        var fromConfigurations = new DbContextOptionsBuilder<ThiDuaDbContext>().UseSqlite("Data Source=:memory:").Options;
        await using var db = new ThiDuaDbContext(fromConfigurations);
        var configured = Describe(db.GetService<IDesignTimeModel>().Model);
        var compiled = Describe(ThiDuaDbContextModel.Instance);
        var missing = configured.Except(compiled).ToList();
        var extra = compiled.Except(configured).ToList();
        Assert.True(missing.Count + extra.Count == 0,
            $"Run tools/compiled-model.sh: the compiled model lacks [{string.Join("; ", missing)}] and has [{string.Join("; ", extra)}]");
    }

    /// <summary>What the model maps, one line per column, key, index and foreign key, comparable between both kinds of model.</summary>
    private static SortedSet<string> Describe(IModel model)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entity in model.GetEntityTypes())
            foreach (var p in entity.GetProperties())
                lines.Add($"property {entity.Name}.{p.Name} {p.ClrType.Name} column={p.GetColumnName()} converter={p.GetValueConverter()?.GetType().Name} concurrency={p.IsConcurrencyToken}");
        foreach (var table in model.GetRelationalModel().Tables)
        {
            foreach (var c in table.Columns)
                lines.Add($"column {table.Name}.{c.Name} {c.StoreType} null={c.IsNullable}");
            if (table.PrimaryKey is { } pk)
                lines.Add($"key {table.Name} ({string.Join(",", pk.Columns.Select(c => c.Name))})");
            foreach (var i in table.Indexes)
                lines.Add($"index {table.Name}.{i.Name} ({string.Join(",", i.Columns.Select(c => c.Name))}) unique={i.IsUnique} filter={i.Filter}");
            foreach (var fk in table.ForeignKeyConstraints)
                lines.Add($"fk {table.Name}.{fk.Name} -> {fk.PrincipalTable.Name} {fk.OnDeleteAction}");
        }
        return lines;
    }
}
