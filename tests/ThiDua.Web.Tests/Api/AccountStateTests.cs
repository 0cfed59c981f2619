using System.Net;
using Microsoft.EntityFrameworkCore;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Api;

/// <summary>
/// The signed-in person is read again on every request: a change to the account counts at the next one. A fixture
/// of its own, as it disables a council member the other classes' chains need.
/// </summary>
public sealed class AccountStateTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public async Task A_disabled_account_is_refused_at_its_next_request_and_a_role_given_or_taken_counts_at_once()
    {
        using var member = await app.LoginAsync("hd.skhcn.5");
        Assert.Equal(HttpStatusCode.OK, (await member.Http.GetAsync("/api/auth/me")).StatusCode);

        // Roles are read on every request: one given now is there on the next.
        var office = await app.DbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Username == "hd.skhcn.5");
            var org = await db.Organizations.SingleAsync(o => o.Code == "hcth-skhcn-qng");
            db.UserRoles.Add(new ThiDua.Infrastructure.Organizations.UserRole { Id = Guid.CreateVersion7(), UserId = user.Id, OrgId = org.Id, Role = ThiDua.Workflows.Runtime.Roles.Secretary });
            await db.SaveChangesAsync();
            return org.Id;
        });
        var me = await ApiClient.Json(await member.Http.GetAsync("/api/auth/me"));
        Assert.Contains(me["roles"]!.AsArray(), r => r!["orgId"]!.GetValue<Guid>() == office && r["role"]!.GetValue<string>() == ThiDua.Workflows.Runtime.Roles.Secretary);

        // With every role taken away the person is still signed in, holding none.
        await app.DbAsync(async db => await db.UserRoles.Where(r => r.UserId == db.Users.Single(u => u.Username == "hd.skhcn.5").Id).ExecuteDeleteAsync());
        me = await ApiClient.Json(await member.Http.GetAsync("/api/auth/me"));
        Assert.Equal("hd.skhcn.5", me["username"]!.GetValue<string>());
        Assert.Empty(me["roles"]!.AsArray());

        await app.DbAsync(async db => await db.Users.Where(u => u.Username == "hd.skhcn.5").ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));
        var refused = await member.Http.GetAsync("/api/tasks");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Tài khoản không còn hoạt động", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
