using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>
/// Each pooled context keeps one open SQLite connection from one request to the next (SqliteKeptConnections), and the
/// statements EF Core runs are compiled once per connection (SqliteStatementCache). What must hold for a user: the
/// answers are the same as without them, the connection has the configured settings, and the group commit still
/// commits every save but a failing one.
/// </summary>
public sealed class StatementCacheTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public async Task A_request_leaves_its_connection_open_with_its_statements_compiled_for_the_next()
    {
        SqliteConnection connection;
        int kept;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
            connection = (SqliteConnection)db.Database.GetDbConnection();
            Assert.Equal("admin", await AdminNameAsync(db));
            kept = SqliteStatementCache.CountOn(connection);
            Assert.True(kept > 0, "the query was not run on a kept statement");
            // The same query again reuses its statement rather than compiling another.
            Assert.Equal("admin", await AdminNameAsync(db));
            Assert.Equal(kept, SqliteStatementCache.CountOn(connection));
        }
        Assert.Equal(ConnectionState.Open, connection.State);
        Assert.Equal(kept, SqliteStatementCache.CountOn(connection));
    }

    [Fact]
    public async Task A_query_run_inside_the_loop_over_its_own_results_gets_its_own_statement()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        var all = await Usernames(db).ToListAsync();
        Assert.True(all.Count > 3);
        var seen = 0;
        await foreach (var name in Usernames(db).AsAsyncEnumerable())
        {
            Assert.Equal(all, await Usernames(db).ToListAsync());
            Assert.Equal(all[seen++], name);
        }
        Assert.Equal(all.Count, seen);
    }

    [Fact]
    public async Task A_burst_of_requests_beyond_the_kept_connections_is_served_and_keeps_no_more()
    {
        var scopes = Enumerable.Range(0, SqliteKeptConnections.MaxKept + 8).Select(_ => app.Services.CreateAsyncScope()).ToList();
        try
        {
            // All open at once, as concurrent requests would be: each gets a pooled context of its own.
            foreach (var scope in scopes)
                Assert.Equal("admin", await AdminNameAsync(scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>()));
            Assert.Equal(SqliteKeptConnections.MaxKept, app.Services.GetRequiredService<SqliteKeptConnections>().Count);
        }
        finally
        {
            foreach (var scope in scopes)
                await scope.DisposeAsync();
        }
        await using var next = app.Services.CreateAsyncScope();
        Assert.Equal("admin", await AdminNameAsync(next.ServiceProvider.GetRequiredService<ThiDuaDbContext>()));
    }

    [Fact]
    public async Task A_kept_connection_has_the_configured_settings()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        Assert.Equal(2L, await PragmaAsync(db, "synchronous")); // FULL, the default setting
        Assert.Equal(1L, await PragmaAsync(db, "foreign_keys"));
        Assert.Equal(30_000L, await PragmaAsync(db, "busy_timeout"));
    }

    [Fact]
    public async Task A_save_that_breaks_a_unique_rule_fails_alone_and_its_group_commits()
    {
        _ = app.Services;
        var factory = app.Services.GetRequiredService<IDbContextFactory<ThiDuaDbContext>>();
        await using var holder = await factory.CreateDbContextAsync();
        var users = await holder.Users.AsNoTracking().OrderBy(u => u.Username).Take(4).ToListAsync();

        var renamed = new List<ThiDuaDbContext>();
        foreach (var user in users.Take(3))
        {
            var db = await factory.CreateDbContextAsync();
            (await db.Users.SingleAsync(u => u.Id == user.Id)).Title = "Chức danh sau nhóm";
            renamed.Add(db);
        }
        // The failing save also changed another user first: that change must go with it.
        await using var duplicate = await factory.CreateDbContextAsync();
        (await duplicate.Users.SingleAsync(u => u.Id == users[3].Id)).Title = "Không được lưu";
        duplicate.Users.Add(new AppUser
        {
            Id = Guid.NewGuid(), Username = users[0].Username, DisplayName = "Trùng tên đăng nhập", PasswordHash = "x", CreatedAt = DateTime.UtcNow,
        });

        Task[] saves;
        using (await SqliteWriteGate.EnterAsync(holder, CancellationToken.None))
        {
            saves = new[] { renamed[0], duplicate, renamed[1], renamed[2] }.Select(db => SqliteGroupCommit.SaveChangesAsync(db)).ToArray();
            while (SqliteGroupCommit.Waiting(holder) < saves.Length)
                await Task.Delay(10);
        }
        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => saves[1]);
        Assert.Contains("UNIQUE", failure.InnerException?.Message);
        await Task.WhenAll(saves[0], saves[2], saves[3]);

        await using (var fresh = await factory.CreateDbContextAsync())
        {
            var ids = users.Take(3).Select(u => u.Id).ToList();
            Assert.All(await fresh.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.Title).ToListAsync(), t => Assert.Equal("Chức danh sau nhóm", t));
            Assert.Equal(1, await fresh.Users.CountAsync(u => u.Username == users[0].Username));
            Assert.Equal(users[3].Title, await fresh.Users.AsNoTracking().Where(u => u.Id == users[3].Id).Select(u => u.Title).SingleAsync());
        }

        // The failed context keeps its unsaved changes; with a name of its own the new user saves.
        duplicate.Users.Local.Single(u => u.DisplayName == "Trùng tên đăng nhập").Username = "nguoidung.moi.sau.loi";
        await SqliteGroupCommit.SaveChangesAsync(duplicate);
        await using (var fresh = await factory.CreateDbContextAsync())
            Assert.True(await fresh.Users.AnyAsync(u => u.Username == "nguoidung.moi.sau.loi"));
        foreach (var c in renamed)
            await c.DisposeAsync();
    }

    private static Task<string> AdminNameAsync(ThiDuaDbContext db) =>
        db.Users.AsNoTracking().Where(u => u.Username == "admin").Select(u => u.Username).SingleAsync();

    private static IQueryable<string> Usernames(ThiDuaDbContext db) => db.Users.AsNoTracking().OrderBy(u => u.Username).Select(u => u.Username);

    private static async Task<long> PragmaAsync(ThiDuaDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
