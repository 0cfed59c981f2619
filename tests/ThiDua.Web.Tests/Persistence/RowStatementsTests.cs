using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Audit;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>
/// A workflow run's rows are written for the group commit by plain statements (SqliteRowStatements), not by EF Core's
/// update pipeline. What a user relies on: the rows are stored exactly as EF Core stores them (so every screen and query
/// finds them), the audit trail gets each decision once, a lost version check still fails the save, and saves the
/// statements do not cover still go through EF Core.
/// </summary>
public sealed class RowStatementsTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public Task A_task_row_is_stored_as_EF_Core_stores_it() =>
        SameAsEfCoreAsync<Bookmark>(b => b.Id = Guid.NewGuid(), b =>
        {
            b.Status = BookmarkStatus.Completed;
            b.CompletedAt = new DateTime(2026, 11, 3, 8, 30, 15, 123, DateTimeKind.Utc);
            b.CompletedByName = "Nguyễn Thị Hoa";
            b.CompletedByUserId = Guid.Parse("0b6f3c52-8d7e-4a51-9c0d-2f4e6a8b1c3d");
            b.Outcome = "dong_y";
            b.VoteQuorum = 0.5;
            b.Comment = null;
            b.Version++;
        });

    [Fact]
    public Task A_dossier_row_is_stored_as_EF_Core_stores_it() =>
        SameAsEfCoreAsync<Dossier>(d =>
        {
            d.Id = Guid.NewGuid();
            d.Code = "TEST-" + d.Id.ToString("N")[..12];
        }, d =>
        {
            d.StatusLabel = "Chờ Hội đồng TĐKT tỉnh xét";
            d.UpdatedAt = new DateTime(2026, 11, 3, 9, 0, 0, DateTimeKind.Utc);
            d.Version++;
        }, differing: ["Code"]);

    [Fact]
    public async Task Journal_and_outbox_rows_are_stored_as_EF_Core_stores_them()
    {
        await SameAsEfCoreAsync<JournalEntry>(j => j.Id = Guid.NewGuid(), j => j.Comment = "Đã bổ sung bản thành tích");
        await SameAsEfCoreAsync<OutboxMessage>(o => o.Id = Guid.NewGuid(), o =>
        {
            o.Attempts++;
            o.NextAttemptAt = new DateTime(2026, 11, 3, 10, 0, 0, DateTimeKind.Utc);
            o.Version++;
        });
    }

    [Fact]
    public async Task Every_statement_of_a_workflow_runs_save_has_its_values_converted_for_the_write_turn()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        // What an approval saves: new task, journal entry (copied to the audit trail), email and instance rows; the
        // task done, the dossier's and the instance's new state.
        await AddCopyAsync<Bookmark>(db, b => b.Id = Guid.NewGuid());
        await AddCopyAsync<JournalEntry>(db, j => { j.Id = Guid.NewGuid(); j.Kind = JournalKinds.TaskCompleted; });
        await AddCopyAsync<OutboxMessage>(db, o => o.Id = Guid.NewGuid());
        await AddCopyAsync<WorkflowInstance>(db, i => i.Id = Guid.NewGuid());
        var task = await db.Bookmarks.FirstAsync();
        task.Status = BookmarkStatus.Completed;
        task.CompletedAt = DateTime.UtcNow;
        task.Version++;
        var dossier = await db.Dossiers.FirstAsync();
        dossier.StatusLabel = "Đang thẩm định tại Sở";
        dossier.UpdatedAt = DateTime.UtcNow;
        dossier.Version++;
        var instance = await db.Instances.FirstAsync();
        instance.StatusLabel = dossier.StatusLabel;
        instance.Version++;
        db.ChangeTracker.DetectChanges();

        var statements = SqliteRowStatements.TryWrite(db, []);

        Assert.NotNull(statements);
        Assert.Equal(8, statements.Count);
        // Left to Microsoft.Data.Sqlite in the turn, a statement would work but cost what the conversion saves.
        Assert.All(statements, s => Assert.True(s.Values is not null, s.Sql));
        db.ChangeTracker.Clear();
    }

    private static async Task AddCopyAsync<T>(ThiDuaDbContext db, Action<T> copy) where T : class
    {
        var row = await db.Set<T>().AsNoTracking().FirstAsync();
        copy(row);
        db.Add(row);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_decision_is_copied_to_the_audit_trail_once(bool tracked)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        var entry = await db.Journal.AsNoTracking().FirstAsync();
        entry.Id = Guid.NewGuid();
        entry.Kind = JournalKinds.TaskCompleted;
        entry.Comment = "ý kiến " + entry.Id;
        if (tracked)
        {
            db.Journal.Add(entry);
            db.ChangeTracker.DetectChanges();
            Assert.True(SqliteRowStatements.Handles(db));
        }

        // A workflow run's journal entries are saved without being tracked (EfWorkflowSession).
        await SqliteGroupCommit.SaveChangesAsync(db, tracked ? [] : [entry]);

        await using var check = app.Services.CreateAsyncScope();
        var fresh = check.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        Assert.True(await fresh.Journal.AnyAsync(j => j.Id == entry.Id));
        var audit = await fresh.Set<AuditEntry>().Where(a => a.Detail != null && a.Detail.Contains(entry.Comment)).ToListAsync();
        Assert.Equal("workflow." + JournalKinds.TaskCompleted, Assert.Single(audit).Action);
    }

    [Fact]
    public async Task A_save_that_lost_the_version_check_fails_and_writes_nothing()
    {
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
            var stale = await db.Bookmarks.FirstAsync();
            id = stale.Id;
            // Another approval got there first.
            await db.Bookmarks.Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Version, b => b.Version + 1));
            stale.Comment = "lần duyệt thứ hai";
            stale.Version++;
            var journal = await db.Journal.AsNoTracking().FirstAsync();
            journal.Id = Guid.NewGuid();
            db.Journal.Add(journal);
            db.ChangeTracker.DetectChanges();
            Assert.True(SqliteRowStatements.Handles(db));

            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => SqliteGroupCommit.SaveChangesAsync(db));

            await using var check = app.Services.CreateAsyncScope();
            var fresh = check.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
            Assert.NotEqual("lần duyệt thứ hai", (await fresh.Bookmarks.SingleAsync(b => b.Id == id)).Comment);
            Assert.False(await fresh.Journal.AnyAsync(j => j.Id == journal.Id));
        }
    }

    [Fact]
    public async Task A_save_that_deletes_a_row_goes_through_EF_Core_and_still_commits()
    {
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
            var row = await db.Journal.AsNoTracking().FirstAsync();
            row.Id = id = Guid.NewGuid();
            db.Journal.Add(row);
            await db.SaveChangesAsync();
            db.Journal.Remove(row);
            db.ChangeTracker.DetectChanges();
            Assert.False(SqliteRowStatements.Handles(db));
            await SqliteGroupCommit.SaveChangesAsync(db);
        }
        await using var check = app.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<ThiDuaDbContext>().Journal.AnyAsync(j => j.Id == id));
    }

    /// <summary>
    /// Copies an existing row twice; saves one copy through EF Core's pipeline and the other through the group commit's
    /// statements, then changes both the same way and saves again: every stored column must be the same, byte for byte.
    /// </summary>
    private async Task SameAsEfCoreAsync<T>(Action<T> copy, Action<T> change, string[]? differing = null) where T : class
    {
        var viaEfCore = await SaveAsync(copy, existing: null, grouped: false);
        var viaStatements = await SaveAsync(copy, existing: null, grouped: true);
        Assert.Equal(await StoredAsync<T>(viaEfCore, differing), await StoredAsync<T>(viaStatements, differing));
        // A workflow run's journal entries and emails are added without being tracked: stored the same way too.
        if (typeof(T) == typeof(JournalEntry) || typeof(T) == typeof(OutboxMessage))
            Assert.Equal(await StoredAsync<T>(viaEfCore, differing), await StoredAsync<T>(await SaveUntrackedAsync(copy), differing));

        await SaveAsync(change, viaEfCore, grouped: false);
        await SaveAsync(change, viaStatements, grouped: true);
        Assert.Equal(await StoredAsync<T>(viaEfCore, differing), await StoredAsync<T>(viaStatements, differing));
    }

    /// <summary>Adds a copy of the first row (<paramref name="existing"/> null) or changes the given row; returns its id.</summary>
    private async Task<Guid> SaveAsync<T>(Action<T> edit, Guid? existing, bool grouped) where T : class
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        T row;
        if (existing is { } id)
        {
            row = await db.Set<T>().SingleAsync(r => EF.Property<Guid>(r, "Id") == id);
            edit(row);
        }
        else
        {
            row = await db.Set<T>().AsNoTracking().OrderBy(r => EF.Property<Guid>(r, "Id")).FirstAsync();
            edit(row);
            db.Add(row);
        }
        db.ChangeTracker.DetectChanges();
        if (grouped)
        {
            Assert.True(SqliteRowStatements.Handles(db));
            await SqliteGroupCommit.SaveChangesAsync(db);
        }
        else
            await db.SaveChangesAsync();
        return (Guid)db.Entry(row).Property("Id").CurrentValue!;
    }

    /// <summary>Adds a copy of the first row through the group commit without the context tracking it; returns its id.</summary>
    private async Task<Guid> SaveUntrackedAsync<T>(Action<T> copy) where T : class
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        var row = await db.Set<T>().AsNoTracking().OrderBy(r => EF.Property<Guid>(r, "Id")).FirstAsync();
        copy(row);
        await SqliteGroupCommit.SaveChangesAsync(db, [row]);
        // Written from the object itself: the fallback would have handed it to the change tracker.
        Assert.Empty(db.ChangeTracker.Entries());
        return (Guid)db.Model.FindEntityType(typeof(T))!.FindProperty("Id")!.GetGetter().GetClrValueUsingContainingEntity(row)!;
    }

    [Fact]
    public async Task Untracked_rows_of_a_save_that_lost_the_version_check_are_not_written()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        var stale = await db.Bookmarks.FirstAsync();
        await db.Bookmarks.Where(b => b.Id == stale.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Version, b => b.Version + 1));
        stale.Version++;
        var journal = await db.Journal.AsNoTracking().FirstAsync();
        journal.Id = Guid.NewGuid();
        journal.Kind = JournalKinds.TaskCompleted;
        journal.Comment = "lần duyệt bị từ chối " + journal.Id;
        var email = await db.Outbox.AsNoTracking().FirstAsync();
        email.Id = Guid.NewGuid();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => SqliteGroupCommit.SaveChangesAsync(db, [journal, email]));

        await using var check = app.Services.CreateAsyncScope();
        var fresh = check.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        Assert.False(await fresh.Journal.AnyAsync(j => j.Id == journal.Id));
        Assert.False(await fresh.Outbox.AnyAsync(o => o.Id == email.Id));
        Assert.False(await fresh.Set<AuditEntry>().AnyAsync(a => a.Detail != null && a.Detail.Contains(journal.Comment)));
    }

    [Fact]
    public async Task A_row_without_its_key_set_is_tracked_after_all_and_stored()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        var email = await db.Outbox.AsNoTracking().FirstAsync();
        email.Id = Guid.Empty;
        email.ToAddress = "khong.khoa." + Guid.NewGuid().ToString("N")[..8] + "@thidua.local";
        Assert.Null(SqliteRowStatements.TryWrite(db, [email]));

        await SqliteGroupCommit.SaveChangesAsync(db, [email]);

        Assert.NotEqual(Guid.Empty, email.Id);
        await using var check = app.Services.CreateAsyncScope();
        Assert.True(await check.ServiceProvider.GetRequiredService<ThiDuaDbContext>().Outbox.AnyAsync(o => o.Id == email.Id && o.ToAddress == email.ToAddress));
    }

    [Fact]
    public async Task A_discarded_run_leaves_no_journal_entry_or_email_for_a_later_save_in_the_same_scope()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<ThiDua.Infrastructure.Engine.EfWorkflowSession>();
        var db = session.Db;
        var refused = await db.Journal.AsNoTracking().FirstAsync();
        refused.Id = Guid.NewGuid();
        var email = await db.Outbox.AsNoTracking().FirstAsync();
        email.Id = Guid.NewGuid();
        session.Add(refused);
        session.Add(email);
        session.Discard();

        var kept = await db.Journal.AsNoTracking().FirstAsync();
        kept.Id = Guid.NewGuid();
        session.Add(kept);
        await session.SaveAsync(CancellationToken.None);

        await using var check = app.Services.CreateAsyncScope();
        var fresh = check.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        Assert.True(await fresh.Journal.AnyAsync(j => j.Id == kept.Id));
        Assert.False(await fresh.Journal.AnyAsync(j => j.Id == refused.Id));
        Assert.False(await fresh.Outbox.AnyAsync(o => o.Id == email.Id));
    }

    /// <summary>Every column but the key as SQLite holds it (quote() shows the storage class: text, integer, real, null).</summary>
    private async Task<string> StoredAsync<T>(Guid id, string[]? differing) where T : class
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        var type = db.Model.FindEntityType(typeof(T))!;
        var columns = type.GetProperties().Where(p => !p.IsPrimaryKey() && !(differing ?? []).Contains(p.Name))
            .Select(p => $"'{p.GetColumnName()}=' || quote(\"{p.GetColumnName()}\")");
        var sql = $"SELECT {string.Join(" || ' ' || ", columns)} AS \"Value\" FROM \"{type.GetTableName()}\" WHERE \"Id\" = {{0}}";
        // Found by a parameter as EF Core makes it: a key stored in another form would not be found at all.
        return Assert.Single(await db.Database.SqlQueryRaw<string>(sql, id).ToListAsync());
    }
}
