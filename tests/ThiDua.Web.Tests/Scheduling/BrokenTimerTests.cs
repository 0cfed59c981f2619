using Microsoft.EntityFrameworkCore;
using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Scheduling;

/// <summary>
/// Timers that cannot be resumed (their step has no way on for a fired timer) are reported and left open; a poll with
/// more of them than one batch ends instead of trying the same batch for ever, and each is tried again after a wait
/// that doubles (1 minute, 2, 4, … up to 6 hours), not at every poll.
/// </summary>
public sealed class BrokenTimerTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public async Task Broken_timers_are_left_open_and_tried_again_after_a_growing_wait_not_at_every_poll()
    {
        var task = await app.DbAsync(db => db.Bookmarks.AsNoTracking()
            .FirstAsync(b => b.Kind == BookmarkKind.HumanTask && b.Status == BookmarkStatus.Open));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var broken = Enumerable.Range(0, Infrastructure.Timers.DueTimerProcessor.BatchSize + 50).Select(i => new Bookmark
        {
            Id = Guid.CreateVersion7(),
            InstanceId = task.InstanceId,
            DossierId = task.DossierId,
            NodeId = task.NodeId, // an approval step: nothing follows a fired timer there
            NodeName = task.NodeName,
            Kind = BookmarkKind.Timer,
            Status = BookmarkStatus.Open,
            CreatedAt = now.AddDays(-2),
            ResumeAt = now.AddHours(-1).AddSeconds(i),
        }).ToList();
        await app.DbAsync(async db =>
        {
            db.Bookmarks.AddRange(broken);
            return await db.SaveChangesAsync();
        });

        // Finishing at all is the point (it looped before); the limit only keeps a regression from hanging the run.
        var first = await app.PollTimersAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(new Infrastructure.Timers.TimerPoll(0, broken.Count, 0), first);

        // The next polls leave them alone until their minute is over, then try each once more.
        Assert.Equal(new Infrastructure.Timers.TimerPoll(0, 0, broken.Count), await app.PollTimersAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(broken.Count, (await app.PollTimersAsync()).Failed);
        // Failed twice: two minutes now.
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(new Infrastructure.Timers.TimerPoll(0, 0, broken.Count), await app.PollTimersAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(broken.Count, (await app.PollTimersAsync()).Failed);

        var ids = broken.Select(b => b.Id).ToList();
        Assert.Equal(broken.Count, await app.DbAsync(db => db.Bookmarks.CountAsync(b => ids.Contains(b.Id) && b.Status == BookmarkStatus.Open)));
        Assert.Equal(BookmarkStatus.Open, (await app.DbAsync(db => db.Bookmarks.AsNoTracking().SingleAsync(b => b.Id == task.Id))).Status);
    }
}
