using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Quartz;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Infrastructure.Scheduling;
using ThiDua.Web.Features.Shared;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Jobs;

/// <summary>Scheduled jobs (Tác vụ định kỳ), like Hangfire's dashboard: what is scheduled, what ran, what failed, and the email outbox.</summary>
[RequireRole(Roles.SystemAdmin)]
public sealed class IndexModel(ScheduleSynchronizer sync, ThiDuaDbContext db, TimeProvider time, Infrastructure.Audit.AuditLog audit) : AppPageModel
{
    public sealed record JobView(JobKey Key, string Description, DateTime? NextFire, string? NextStep, int Triggers, bool Paused);

    public bool SchedulerRunning { get; private set; }
    public IReadOnlyList<JobView> Jobs { get; private set; } = [];
    public IReadOnlyList<JobRun> Runs { get; private set; } = [];
    public IReadOnlyDictionary<OutboxStatus, int> OutboxCounts { get; private set; } = new Dictionary<OutboxStatus, int>();
    public IReadOnlyList<OutboxMessage> OutboxProblems { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => Guard(async () =>
    {
        var scheduler = await sync.SchedulerAsync(HttpContext.RequestAborted);
        SchedulerRunning = scheduler?.Status == SchedulerStatus.Running;
        if (scheduler is not null)
        {
            var jobs = new List<JobView>();
            foreach (var key in (await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup())).OrderBy(k => k.Group).ThenBy(k => k.Name))
            {
                var detail = await scheduler.GetJobDetail(key);
                var triggers = await scheduler.GetTriggersOfJob(key);
                var next = triggers.Where(t => t.NextFireTimeUtc is not null).OrderBy(t => t.NextFireTimeUtc).FirstOrDefault();
                var paused = false;
                foreach (var t in triggers)
                    paused |= await scheduler.GetTriggerState(t.Key) == TriggerState.Paused;
                jobs.Add(new JobView(key, detail?.Description ?? key.Name, next?.NextFireTimeUtc?.UtcDateTime, next?.Description, triggers.Count, paused));
            }
            Jobs = jobs;
        }
        Runs = await db.JobRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(50).ToListAsync();
        OutboxCounts = await db.Outbox.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        OutboxProblems = await db.Outbox.AsNoTracking().Where(m => m.Status == OutboxStatus.Failed || (m.Status != OutboxStatus.Sent && m.Attempts > 0))
            .OrderByDescending(m => m.CreatedAt).Take(50).ToListAsync();
        return Page();
    });

    public Task<IActionResult> OnPostTriggerAsync(string group, string name, string? reason) => Guard(async () =>
    {
        var scheduler = await sync.SchedulerAsync(HttpContext.RequestAborted) ?? throw new AppException(AppErrorKind.Conflict, "Bộ lập lịch đang tắt.");
        var key = new JobKey(name, group);
        if (await scheduler.GetJobDetail(key) is null)
            throw AppException.NotFound("tác vụ");
        var data = new JobDataMap { [RecordedJob.TriggeredByKey] = $"{(reason == "retry" ? "chạy lại" : "chạy ngay")} – {Me.DisplayName}" };
        await scheduler.TriggerJob(key, data);
        audit.Record("job.trigger", Me, "job:" + key, reason);
        await db.SaveChangesAsync();
        TempData["Success"] = "Đã yêu cầu chạy tác vụ. Kết quả sẽ có trong lịch sử sau ít giây.";
        return RedirectToPage();
    });

    public Task<IActionResult> OnPostPauseAsync(string group, string name, bool pause) => Guard(async () =>
    {
        var scheduler = await sync.SchedulerAsync(HttpContext.RequestAborted) ?? throw new AppException(AppErrorKind.Conflict, "Bộ lập lịch đang tắt.");
        var key = new JobKey(name, group);
        if (pause)
            await scheduler.PauseJob(key);
        else
            await scheduler.ResumeJob(key);
        audit.Record(pause ? "job.pause" : "job.resume", Me, "job:" + key, null);
        await db.SaveChangesAsync();
        TempData["Success"] = pause ? "Đã tạm dừng tác vụ." : "Đã tiếp tục tác vụ.";
        return RedirectToPage();
    });

    public Task<IActionResult> OnPostResendAsync(Guid messageId) => Guard(async () =>
    {
        var message = await db.Outbox.FirstOrDefaultAsync(m => m.Id == messageId) ?? throw AppException.NotFound("thư");
        if (message.Status == OutboxStatus.Sending)
            throw new AppException(AppErrorKind.Conflict, "Thư đang được gửi.");
        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = time.GetUtcNow().UtcDateTime;
        message.LastError = null;
        message.Version++;
        audit.Record("outbox.resend", Me, "email:" + message.Id, message.ToAddress);
        await db.SaveChangesAsync();
        TempData["Success"] = $"Đã đưa thư gửi {message.ToAddress} vào hàng đợi gửi lại.";
        return RedirectToPage();
    });

}
