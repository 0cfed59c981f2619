using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Audit;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Tests.Support;
using SQLitePCL;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>
/// Saves queued behind the SQLite write turn commit together (SqliteGroupCommit). What a user relies on: every save
/// that was acknowledged is in the file, a save that lost a version check fails alone without taking the others of its
/// group down, and the context of a grouped save keeps working afterwards.
/// </summary>
public sealed class GroupCommitTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public async Task A_group_commits_every_save_but_the_one_that_lost_its_version_check()
    {
        var factory = Factory();
        await using var holder = await factory.CreateDbContextAsync();
        var ids = await holder.Dossiers.OrderBy(d => d.Code).Select(d => d.Id).Take(6).ToListAsync();
        Assert.Equal(6, ids.Count);

        // Six runs each label their own dossier; a seventh loaded the first dossier before the first run changed it.
        var contexts = new List<ThiDuaDbContext>();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var db = await factory.CreateDbContextAsync();
            var dossier = await db.Dossiers.SingleAsync(d => d.Id == id);
            dossier.StatusLabel = $"Nhóm {i}";
            dossier.Version++;
            contexts.Add(db);
        }
        await using var late = await factory.CreateDbContextAsync();
        var stale = await late.Dossiers.SingleAsync(d => d.Id == ids[0]);
        stale.StatusLabel = "Bản cũ";
        stale.Version++;

        Task[] saves;
        Task lateSave;
        using (await SqliteWriteGate.EnterAsync(holder, CancellationToken.None))
        {
            // The losing run in the middle of the group: the runs after it use the same compiled statement again.
            saves = [.. contexts.Take(3).Select(c => SqliteGroupCommit.SaveChangesAsync(c)), lateSave = SqliteGroupCommit.SaveChangesAsync(late),
                .. contexts.Skip(3).Select(c => SqliteGroupCommit.SaveChangesAsync(c))];
            while (SqliteGroupCommit.Waiting(holder) < saves.Length)
                await Task.Delay(10);
        }
        await Task.WhenAll(saves.Where(t => t != lateSave));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => lateSave);

        await using (var fresh = await factory.CreateDbContextAsync())
        {
            var labels = await fresh.Dossiers.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.StatusLabel);
            Assert.Equal(ids.Select((_, i) => $"Nhóm {i}"), ids.Select(id => labels[id]));
        }

        // The losing run's context still reads and writes on a connection of its own once it reloads.
        late.ChangeTracker.Clear();
        var current = await late.Dossiers.SingleAsync(d => d.Id == ids[0]);
        Assert.Equal("Nhóm 0", current.StatusLabel);
        current.StatusLabel = "Sửa lại sau xung đột";
        current.Version++;
        await SqliteGroupCommit.SaveChangesAsync(late);
        await using (var fresh = await factory.CreateDbContextAsync())
            Assert.Equal("Sửa lại sau xung đột", (await fresh.Dossiers.AsNoTracking().SingleAsync(d => d.Id == ids[0])).StatusLabel);
        foreach (var c in contexts)
            await c.DisposeAsync();
    }

    /// <summary>Either dossier changed meanwhile, so that whichever order the save writes them in, one is written before the failure.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_save_alone_in_its_turn_that_loses_a_version_check_leaves_none_of_its_changes(int changedMeanwhile)
    {
        var factory = Factory();
        await using var db = await factory.CreateDbContextAsync();
        var ids = await db.Dossiers.OrderByDescending(d => d.Code).Select(d => d.Id).Skip(2 * changedMeanwhile).Take(2).ToListAsync();
        var dossiers = await db.Dossiers.Where(d => ids.Contains(d.Id)).ToListAsync();
        var labels = dossiers.ToDictionary(d => d.Id, d => d.StatusLabel);
        await using (var other = await factory.CreateDbContextAsync())
        {
            (await other.Dossiers.SingleAsync(d => d.Id == ids[changedMeanwhile])).Version++;
            await other.SaveChangesAsync();
        }

        foreach (var dossier in dossiers)
        {
            dossier.StatusLabel = "Không được lưu";
            dossier.Version++;
        }
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => SqliteGroupCommit.SaveChangesAsync(db));

        await using var fresh = await factory.CreateDbContextAsync();
        Assert.Equal(labels, await fresh.Dossiers.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.StatusLabel));
    }

    [Fact]
    public async Task More_runs_than_one_group_holds_are_all_saved_when_the_turn_comes()
    {
        var factory = Factory();
        await using var holder = await factory.CreateDbContextAsync();
        var marker = $"group-overflow-{Guid.NewGuid():N}";

        // Two groups' worth: the run that leads saves the first group (its own among them), then hands the lead to
        // the oldest run still waiting, which saves the rest.
        var contexts = new List<ThiDuaDbContext>();
        for (var i = 0; i < SqliteGroupCommit.MaxGroup + 8; i++)
        {
            var db = await factory.CreateDbContextAsync();
            new AuditLog(db, TimeProvider.System).Record(marker, null, null, $"Lượt {i}", null);
            contexts.Add(db);
        }
        async Task<int> SavedAsync()
        {
            await using var fresh = await factory.CreateDbContextAsync();
            return await fresh.AuditEntries.CountAsync(a => a.Action == marker);
        }
        Task[] saves;
        using (await SqliteWriteGate.EnterAsync(holder, CancellationToken.None))
        {
            saves = [.. contexts.Select(c => SqliteGroupCommit.SaveChangesAsync(c))];
            while (SqliteGroupCommit.Waiting(holder) < saves.Length)
                await Task.Delay(10);
        }
        await Task.WhenAll(saves).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, SqliteGroupCommit.Waiting(holder));
        Assert.Equal(contexts.Count, await SavedAsync());

        // The next run after the queue emptied leads on its own.
        new AuditLog(contexts[0], TimeProvider.System).Record(marker, null, null, "Sau cùng", null);
        await SqliteGroupCommit.SaveChangesAsync(contexts[0]).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(contexts.Count + 1, await SavedAsync());
        foreach (var c in contexts)
            await c.DisposeAsync();
    }

    [Fact]
    public async Task The_write_turn_gives_its_connection_back_with_nothing_left_compiled_on_it()
    {
        await using var db = await Factory().CreateDbContextAsync();
        new AuditLog(db, TimeProvider.System).Record($"turn-closed-{Guid.NewGuid():N}", null, null, "Lưu một lượt", null);
        // Alone in the queue: the turn closes its connection once the save is done, and the pool keeps the native one.
        await SqliteGroupCommit.SaveChangesAsync(db);

        // A statement the turn compiled and left on it would still be listed on whichever connection the pool hands out.
        var connections = Enumerable.Range(0, 4).Select(_ => new SqliteConnection(db.Database.GetConnectionString())).ToList();
        try
        {
            foreach (var connection in connections)
            {
                await connection.OpenAsync();
                Assert.Null(raw.sqlite3_next_stmt(connection.Handle!, null));
            }
        }
        finally
        {
            foreach (var connection in connections)
                await connection.DisposeAsync();
        }
    }

    /// <summary>Contexts on the test's file; asking the host for it first migrates and seeds the file.</summary>
    private IDbContextFactory<ThiDuaDbContext> Factory() => app.Services.GetRequiredService<IDbContextFactory<ThiDuaDbContext>>();
}
