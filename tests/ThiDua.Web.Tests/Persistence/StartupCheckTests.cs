using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>
/// A restart with nothing to do is recognized without EF Core (so the first page does not wait for it), and anything to
/// do still takes the whole start: a pending migration, a changed chain file, an empty database. The data-protection
/// keys, read without EF Core too, still let a cookie issued before a restart, or by another node, be read.
/// </summary>
public sealed class StartupCheckTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    private static string Workflows => Path.Combine(AppContext.BaseDirectory, "workflows");

    private static async Task<List<string>> ShippedHashesAsync() =>
        [.. (await WorkflowFileImporter.ReadFolderAsync(Workflows, CancellationToken.None)).Select(w => w.Hash)];

    private DatabaseOptions Options => app.Services.GetRequiredService<DatabaseOptions>();

    [Fact]
    public async Task The_migration_ids_read_without_EF_Core_are_EF_Cores_own()
    {
        var own = await app.DbAsync(db => Task.FromResult(db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).ToList()));
        Assert.True(own.Count > 10);
        Assert.Equal(own, ProviderMigrationsAssembly.Ids(postgres: false));
    }

    [Fact]
    public async Task A_restart_with_nothing_to_do_is_recognized_and_anything_to_do_is_not()
    {
        _ = app.Services; // started: migrated, seeded, chains imported
        var hashes = await ShippedHashesAsync();
        Assert.NotEmpty(hashes);
        Assert.True(await DatabaseAtRest.CheckAsync(Options, hashes, awardFormsFile: true, seedDemo: true, CancellationToken.None));

        // A chain file edited since the last start must be imported.
        Assert.False(await DatabaseAtRest.CheckAsync(Options, [.. hashes, "00FF"], awardFormsFile: true, seedDemo: true, CancellationToken.None));

        // A new, empty database file must be migrated and seeded.
        var empty = new DatabaseOptions { ResolvedConnectionString = $"Data Source={Path.Combine(app.Folder, "empty.db")}" };
        Assert.False(await DatabaseAtRest.CheckAsync(empty, hashes, awardFormsFile: true, seedDemo: true, CancellationToken.None));
    }

    [Fact]
    public async Task A_database_one_migration_behind_is_migrated_at_start()
    {
        _ = app.Services;
        var copy = Path.Combine(app.Folder, "behind.db");
        await using (var source = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            await source.OpenAsync();
            await using var vacuum = source.CreateCommand();
            vacuum.CommandText = $"VACUUM INTO '{copy}'";
            await vacuum.ExecuteNonQueryAsync();
        }
        var last = ProviderMigrationsAssembly.Ids(postgres: false)[^1];
        await using (var behind = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            await behind.OpenAsync();
            await using var forget = behind.CreateCommand();
            forget.CommandText = "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = $id";
            forget.Parameters.AddWithValue("$id", last);
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }
        var options = new DatabaseOptions { ResolvedConnectionString = $"Data Source={copy}" };
        Assert.False(await DatabaseAtRest.CheckAsync(options, await ShippedHashesAsync(), awardFormsFile: true, seedDemo: true, CancellationToken.None));
    }

    [Fact]
    public async Task A_cookie_protected_before_a_restart_is_read_by_the_next_process()
    {
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("StartupCheckTests");
        var token = protector.Protect("phiên đăng nhập");

        // Another process (a restart, or a second web node): its own key ring, read from the same database.
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("ThiDua");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new DataProtectionKeyStore(Options));
        await using var other = services.BuildServiceProvider();
        Assert.Equal("phiên đăng nhập", other.GetRequiredService<IDataProtectionProvider>().CreateProtector("StartupCheckTests").Unprotect(token));

        var stored = await app.DbAsync(db => db.DataProtectionKeys.AsNoTracking().CountAsync());
        Assert.True(stored >= 1);
    }
}
