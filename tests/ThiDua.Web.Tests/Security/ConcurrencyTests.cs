using System.Net;
using Microsoft.EntityFrameworkCore;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Security;

public sealed class ConcurrencyTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public async Task A_hundred_concurrent_completions_of_one_task_let_exactly_one_through()
    {
        var chain = new Chain(app);
        var id = await chain.SubmitNewAsync("Trăm Người Cùng Bấm", "giay-khen");
        var leader = await chain.As("lanhdao.ttud");
        var taskId = (await leader.TaskForAsync(id))["id"]!.GetValue<Guid>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => leader.CompleteAsync(taskId, "Approve", key: $"k{i}")));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(99, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await app.DbAsync(db => db.Journal.CountAsync(j => j.DossierId == id && j.Kind == "TaskCompleted")));
        Assert.Equal(1, await app.DbAsync(db => db.Bookmarks.CountAsync(b => b.DossierId == id && b.NodeId == "tiep-nhan")));
    }
}
