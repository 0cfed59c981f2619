using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Api;

public sealed class TaskCompletionTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    private readonly Chain _chain = new(app);

    private async Task<(int Journal, int Bookmarks)> CountsAsync(Guid dossierId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        return (await db.Journal.CountAsync(j => j.DossierId == dossierId), await db.Bookmarks.CountAsync(b => b.DossierId == dossierId));
    }

    [Fact]
    public async Task The_inbox_api_pages_the_same_tasks_the_inbox_page_lists_soonest_due_first()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
            ids.Add(await _chain.SubmitNewAsync($"Đặng Văn Phân Trang {i}", "giay-khen"));
        var leader = await _chain.As("lanhdao.ttud");
        async Task<(List<System.Text.Json.Nodes.JsonObject> Items, int Total)> Page(string query)
        {
            var response = await leader.Http.GetAsync("/api/tasks" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var items = ((System.Text.Json.Nodes.JsonArray)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!)
                .Select(t => (System.Text.Json.Nodes.JsonObject)t!).ToList();
            Assert.False(response.Headers.Contains("X-Total-Is-Lower-Bound"));
            return (items, int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture));
        }

        var (all, total) = await Page("");
        Assert.Equal(total, all.Count);
        Assert.All(ids, id => Assert.Contains(all, t => t["dossierId"]!.GetValue<Guid>() == id));
        var dues = all.Select(t => t["dueAt"]?.GetValue<DateTime>() ?? DateTime.MaxValue).ToList();
        Assert.Equal(dues.Order(), dues);

        var paged = new List<Guid>();
        for (var page = 1; page <= total; page++)
        {
            var (items, pageTotal) = await Page($"?page={page}&pageSize=2");
            Assert.Equal(total, pageTotal);
            Assert.Equal(Math.Min(2, total - paged.Count), items.Count);
            paged.AddRange(items.Select(t => t["id"]!.GetValue<Guid>()));
            if (paged.Count == total)
                break;
        }
        Assert.Equal(all.Select(t => t["id"]!.GetValue<Guid>()), paged);
        Assert.Empty((await Page($"?page={total + 1}&pageSize=1")).Items);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<ThiDua.Infrastructure.Organizations.UserDirectory>();
        var service = scope.ServiceProvider.GetRequiredService<ThiDua.Infrastructure.Tasks.TaskService>();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        var userId = await db.Users.Where(u => u.Username == "lanhdao.ttud").Select(u => u.Id).SingleAsync();
        var listed = await service.ListAsync((await users.LoadAsync(userId, default))!, default);
        Assert.Equal(paged, listed.Select(t => t.Id));
    }

    [Fact]
    public async Task The_same_idempotency_key_gets_the_same_answer_and_advances_once()
    {
        var id = await _chain.SubmitNewAsync("Ngô Văn Bấm Hai Lần", "giay-khen");
        var leader = await _chain.As("lanhdao.ttud");
        var taskId = (await leader.TaskForAsync(id))["id"]!.GetValue<Guid>();

        var first = await leader.CompleteAsync(taskId, "Approve", key: "click-1");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var after = await CountsAsync(id);
        var again = await leader.CompleteAsync(taskId, "Approve", key: "click-1");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(after, await CountsAsync(id));
    }

    [Fact]
    public async Task Completing_an_already_completed_task_is_a_409_that_says_who_did_it()
    {
        var id = await _chain.SubmitNewAsync("Mai Thị Hoàn Thành", "giay-khen");
        var leader = await _chain.As("lanhdao.ttud");
        var taskId = (await leader.TaskForAsync(id))["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await leader.CompleteAsync(taskId, "Approve")).StatusCode);
        var before = await CountsAsync(id);

        var second = await leader.CompleteAsync(taskId, "Reject", "Đổi ý");
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType!.MediaType);
        var problem = await ApiClient.Json(second);
        Assert.Contains("đã được xử lý bởi Lê Văn Hùng", problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await CountsAsync(id));
    }

    [Fact]
    public async Task A_double_click_sent_at_the_same_moment_advances_the_dossier_once()
    {
        var id = await _chain.SubmitNewAsync("Cao Văn Đồng Thời", "giay-khen");
        var leader = await _chain.As("lanhdao.ttud");
        var taskId = (await leader.TaskForAsync(id))["id"]!.GetValue<Guid>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => leader.CompleteAsync(taskId, "Approve", key: "same-click")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var receive = await (await _chain.As("thuky.skhcn")).TaskForAsync(id);
        Assert.Equal("Tiếp nhận hồ sơ tại Sở", receive["step"]!.GetValue<string>());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        Assert.Equal(1, await db.Bookmarks.CountAsync(b => b.DossierId == id && b.NodeId == "tiep-nhan"));
        Assert.Equal(1, await db.Journal.CountAsync(j => j.DossierId == id && j.Kind == "TaskCompleted"));
    }

    [Fact]
    public async Task Return_without_a_reason_and_an_unknown_outcome_are_refused_with_nothing_changed()
    {
        var id = await _chain.SubmitNewAsync("Hà Thị Thiếu Lý Do", "giay-khen");
        var leader = await _chain.As("lanhdao.ttud");
        var taskId = (await leader.TaskForAsync(id))["id"]!.GetValue<Guid>();
        var before = await CountsAsync(id);

        var noReason = await leader.CompleteAsync(taskId, "Return", "   ");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("lý do", (await ApiClient.Json(noReason))["detail"]!.GetValue<string>());
        var unknown = await leader.CompleteAsync(taskId, "Teleport");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        var malformed = await leader.Http.PostAsync($"/api/tasks/{taskId}/complete", new StringContent("{\"outcome\": 42", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(before, await CountsAsync(id));
        Assert.Equal(taskId, (await leader.TaskForAsync(id))["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_council_member_cannot_vote_twice()
    {
        var id = await _chain.SubmitNewAsync("Lâm Văn Hai Phiếu", "giay-khen");
        await _chain.UnitAsync(id);
        var office = await _chain.As("thuky.skhcn");
        await office.DoAsync(id, "Tiếp nhận hồ sơ tại Sở", "Accept");
        await office.DoAsync(id, "Thẩm định hồ sơ tại Sở", "Approve");
        var member = await _chain.As("hd.skhcn.1");
        var vote = await member.TaskForAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await member.VoteAsync(vote["id"]!.GetValue<Guid>(), true)).StatusCode);
        var second = await member.VoteAsync(vote["id"]!.GetValue<Guid>(), false);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.DoesNotContain(await member.TasksAsync(), t => t!["dossierId"]!.GetValue<Guid>() == id);
    }
}
