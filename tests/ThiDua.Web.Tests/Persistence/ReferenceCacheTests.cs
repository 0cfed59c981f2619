using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>
/// Who holds a role, people's names and addresses, award form and movement names and the latest workflow versions are
/// kept in memory between approvals on SQLite. A change saved by the application is used from the next approval on,
/// not after the values would have expired.
/// </summary>
public sealed class ReferenceCacheTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public async Task A_person_given_the_receiving_role_is_told_of_the_next_dossier_and_a_person_disabled_is_not()
    {
        var chain = new Chain(app);
        // The first dossier reaching the Sở reads (and keeps) who receives there.
        var first = await chain.SubmitNewAsync("Nguyễn Văn Bộ Nhớ", "giay-khen");
        await chain.UnitAsync(first);
        var department = await app.DbAsync(db => db.Users.Where(u => u.Username == "thuky.skhcn")
            .SelectMany(u => db.UserRoles.Where(r => r.UserId == u.Id && r.Role == Roles.Secretary)).Select(r => r.OrgId).FirstAsync());
        Assert.Contains("thuky.skhcn", await RecipientsAsync(first));

        var newcomer = new AppUser
        {
            Id = Guid.NewGuid(), Username = "thuky2.skhcn", DisplayName = "Đỗ Thị Mới", Email = "thuky2.skhcn@thidua.local",
            PasswordHash = "-", CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        await app.DbAsync(async db =>
        {
            db.Users.Add(newcomer);
            db.UserRoles.Add(new UserRole { Id = Guid.NewGuid(), UserId = newcomer.Id, OrgId = department, Role = Roles.Secretary });
            var secretary = await db.Users.SingleAsync(u => u.Username == "thuky.skhcn");
            secretary.IsActive = false;
            return await db.SaveChangesAsync();
        });

        var second = await chain.SubmitNewAsync("Trần Thị Mới Nhận", "giay-khen");
        await chain.UnitAsync(second);
        var told = await RecipientsAsync(second);
        Assert.Contains("thuky2.skhcn", told);
        Assert.DoesNotContain("thuky.skhcn", told);
    }

    [Fact]
    public async Task A_renamed_movement_is_named_in_the_emails_of_the_next_approval()
    {
        var chain = new Chain(app);
        var first = await chain.SubmitNewAsync("Lê Văn Phong Trào", "giay-khen");
        await chain.UnitAsync(first);
        const string renamed = "Phong trào thi đua đổi tên – đợt kiểm thử";
        await app.DbAsync(async db =>
        {
            var movement = await db.Movements.SingleAsync(m => m.Code == "ha-tang-qng-skhcn");
            movement.Name = renamed;
            return await db.SaveChangesAsync();
        });

        var second = await chain.SubmitNewAsync("Phạm Thị Tên Mới", "giay-khen");
        await chain.UnitAsync(second);
        var models = await app.DbAsync(db => db.Outbox.Where(m => m.DossierId == second).Select(m => m.ModelJson).ToListAsync());
        Assert.NotEmpty(models);
        Assert.All(models, json => Assert.Equal(renamed, JsonNode.Parse(json)!["movementName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_name_changed_inside_a_transaction_is_read_once_the_transaction_commits()
    {
        await using var writing = app.Services.CreateAsyncScope();
        var db = writing.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        var person = await db.Users.SingleAsync(u => u.Username == "thuky.ttud");
        var before = person.DisplayName;
        await using var transaction = await db.Database.BeginTransactionAsync();
        person.DisplayName = "Vũ Thị Đổi Tên";
        await db.SaveChangesAsync();

        // Read (and kept) through another connection while the change is not yet committed: the old name.
        Assert.Equal(before, (await FindUserAsync(person.Id))!.DisplayName);
        await transaction.CommitAsync();
        Assert.Equal("Vũ Thị Đổi Tên", (await FindUserAsync(person.Id))!.DisplayName);
    }

    private async Task<UserRef?> FindUserAsync(Guid id) =>
        await app.RunAsync(async sp => await sp.GetRequiredService<IOrganizationDirectory>().FindUserAsync(id, CancellationToken.None));

    /// <summary>The usernames the dossier's emails so far went (or will go) to.</summary>
    private async Task<List<string>> RecipientsAsync(Guid dossierId) =>
        await app.DbAsync(db => db.Outbox.Where(m => m.DossierId == dossierId && m.ToUserId != null)
            .Join(db.Users, m => m.ToUserId, u => u.Id, (m, u) => u.Username).ToListAsync());
}
