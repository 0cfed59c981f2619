using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Pages;

/// <summary>
/// The overview and inbox pages say what the tracking board and the inbox API say, without reading everything:
/// the inbox page comes a hundred tasks at a time, and the overview counts from the grants.
/// </summary>
public sealed partial class OverviewAndInboxPageTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    private readonly Chain _chain = new(app);

    [Fact]
    public async Task The_inbox_page_shows_a_hundred_tasks_and_pages_through_the_rest()
    {
        var leader = await _chain.As("lanhdao.ttud");
        var waiting = await TotalTasksAsync(leader);
        for (var i = waiting; i < Features.Inbox.IndexModel.PageSize + 7; i++)
            await _chain.SubmitNewAsync($"Phan Văn Trang {i}", "giay-khen");
        var total = await TotalTasksAsync(leader);
        Assert.True(total > Features.Inbox.IndexModel.PageSize, $"{total} tasks");

        var first = await leader.Http.GetStringAsync("/hop-viec");
        Assert.Contains($"data-testid=\"inbox-total\">{total}<", first);
        Assert.Equal(Features.Inbox.IndexModel.PageSize, Rows(first).Count);
        Assert.Contains("href=\"/hop-viec?p=2\"", first);

        var second = await leader.Http.GetStringAsync("/hop-viec?p=2");
        Assert.Equal(total - Features.Inbox.IndexModel.PageSize, Rows(second).Count);
        Assert.DoesNotContain("href=\"/hop-viec?p=3\"", second);

        // Together the pages are the inbox, in its order, each task once.
        var api = (System.Text.Json.Nodes.JsonArray)System.Text.Json.Nodes.JsonNode.Parse(await leader.Http.GetStringAsync("/api/tasks?pageSize=500"))!;
        Assert.Equal(api.Select(t => t!["dossierCode"]!.GetValue<string>()), Rows(first).Concat(Rows(second)));

        var past = await leader.Http.GetStringAsync("/hop-viec?p=9");
        Assert.Contains("Trang này không còn việc nào.", past);
    }

    [Fact]
    public async Task The_overview_counts_a_dossier_seen_through_two_offices_once_and_agrees_with_the_board()
    {
        // The head of the Sở also leads the centre under it: the centre's submitted dossiers are granted to both.
        var returned = await _chain.SubmitNewAsync("Trần Văn Tổng Quan", "giay-khen");
        await (await _chain.As("lanhdao.ttud")).DoAsync(returned, "Lãnh đạo đơn vị xét, ký đề nghị", "Return", "Bổ sung bản thành tích.");
        var moving = await _chain.SubmitNewAsync("Lê Thị Tổng Quan", "giay-khen");
        await _chain.UnitAsync(moving);
        await GiveRoleAsync("lanhdao.skhcn", Roles.Leader, "ttud-skhcn-qng");

        using var head = await app.LoginAsync("lanhdao.skhcn");
        var overview = await head.Http.GetStringAsync("/");
        var counts = StateCounts(overview);
        Assert.NotEmpty(counts);
        foreach (var state in DossierStates.All)
        {
            var board = await ApiClient.Json(await head.Http.GetAsync($"/api/dossiers?status={state}&pageSize=1"));
            Assert.Equal(board["total"]!.GetValue<int>(), counts.GetValueOrDefault(state));
        }
        Assert.True(counts.GetValueOrDefault(DossierStates.Returned) >= 1);

        var tasks = await head.Http.GetAsync("/api/tasks?pageSize=500");
        var taskTotal = int.Parse(tasks.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);
        Assert.Matches($"data-testid=\"my-tasks\">\\s*<div class=\"muted\">[^<]*</div>\\s*<div class=\"stat\">{taskTotal}</div>", overview);
    }

    private static async Task<int> TotalTasksAsync(ApiClient user)
    {
        var response = await user.Http.GetAsync("/api/tasks?pageSize=1");
        return int.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);
    }

    private async Task GiveRoleAsync(string username, string role, string orgCode)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        var user = await db.Users.SingleAsync(u => u.Username == username);
        var org = await db.Organizations.SingleAsync(o => o.Code == orgCode);
        db.UserRoles.Add(new UserRole { Id = Guid.CreateVersion7(), UserId = user.Id, OrgId = org.Id, Role = role });
        await db.SaveChangesAsync();
    }

    private static List<string> Rows(string html) => InboxRow().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private static Dictionary<string, int> StateCounts(string html) => StateRow().Matches(html)
        .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("<tr class=\"[^\"]*\" data-dossier=\"([^\"]+)\"")]
    private static partial Regex InboxRow();

    [GeneratedRegex("href=\"/theo-doi\\?Status=(\\w+)\"><span[^>]*>[^<]*</span></a></td><td class=\"right\">(\\d+)</td>")]
    private static partial Regex StateRow();
}
