using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Calendar;

namespace ThiDua.Infrastructure.Scheduling;

/// <summary>
/// Keeps Quartz's triggers in line with the data: the system jobs, and for every active movement one job with
/// a trigger per period-end step still to come (plus a daily safety net). Quartz holds only "when to wake up";
/// what is due and what is done lives in our tables, so re-syncing or firing twice is harmless.
/// </summary>
public sealed class ScheduleSynchronizer(IServiceProvider services, IDbContextFactory<ThiDuaDbContext> factory, IWorkingCalendar calendar, TimeProvider time, IOptions<SchedulingOptions> options)
{
    public async Task<IScheduler?> SchedulerAsync(CancellationToken ct) =>
        services.GetService<ISchedulerFactory>() is { } f ? await f.GetScheduler(ct) : null;

    public async Task SyncAllAsync(CancellationToken ct)
    {
        if (await SchedulerAsync(ct) is not { } scheduler)
            return;
        var o = options.Value;
        await ScheduleAsync(scheduler, JobBuilder.Create<WorkflowTimersJob>().WithIdentity(JobCatalog.Timers).WithDescription("Tiếp tục các quy trình có hẹn giờ đến hạn").StoreDurably(true).Build(),
        [
            TriggerBuilder.Create(TimeProvider.System).WithIdentity("moi-" + o.TimerPollSeconds + "-giay", JobCatalog.SystemGroup).StartNow()
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromSeconds(Math.Max(5, o.TimerPollSeconds))).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)).Build(),
        ], ct);
        await ScheduleAsync(scheduler, JobBuilder.Create<EscalationJob>().WithIdentity(JobCatalog.Escalation).WithDescription("Báo lãnh đạo cấp trên các nhiệm vụ quá hạn").StoreDurably(true).Build(),
        [
            TriggerBuilder.Create(TimeProvider.System).WithIdentity("moi-" + o.EscalationMinutes + "-phut", JobCatalog.SystemGroup).StartNow()
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromMinutes(Math.Max(1, o.EscalationMinutes))).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)).Build(),
        ], ct);

        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var id in await db.Movements.Select(m => m.Id).ToListAsync(ct))
            await SyncMovementAsync(id, ct);
    }

    public async Task SyncMovementAsync(Guid movementId, CancellationToken ct)
    {
        if (await SchedulerAsync(ct) is not { } scheduler)
            return;
        await using var db = await factory.CreateDbContextAsync(ct);
        var movement = await db.Movements.AsNoTracking().FirstOrDefaultAsync(m => m.Id == movementId, ct);
        if (movement is null)
            return;
        var key = JobCatalog.Movement(movement.Code);
        if (!movement.IsActive || !movement.JobsEnabled)
        {
            await scheduler.DeleteJob(key, ct);
            return;
        }
        var phases = await db.MovementPhases.AsNoTracking().Where(p => p.MovementId == movementId).ToListAsync(ct);
        var plan = PeriodEndPlan.For(movement, phases, calendar);
        var keys = plan.Select(s => s.Key).ToList();
        var done = (await db.ScheduledSteps.AsNoTracking().Where(s => keys.Contains(s.Key)).Select(s => s.Key).ToListAsync(ct)).ToHashSet();
        var now = time.GetUtcNow().UtcDateTime;

        var job = JobBuilder.Create<MovementJob>().WithIdentity(key).WithDescription($"Phong trào: {movement.Name}").StoreDurably(true)
            .UsingJobData(MovementJob.MovementIdKey, movement.Id.ToString()).Build();
        var triggers = new List<ITrigger>
        {
            // A daily pass catches anything a lost trigger or a change of dates would otherwise leave behind.
            TriggerBuilder.Create(TimeProvider.System).WithIdentity($"{movement.Code}:hang-ngay", JobCatalog.MovementGroup).WithDescription("Kiểm tra hằng ngày (07:00)")
                .WithSchedule(CronScheduleBuilder.Create("0 0 0 * * ?").WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)).Build(),
        };
        foreach (var step in plan.Where(s => !done.Contains(s.Key) && s.DueAt >= movement.ScheduleFrom))
        {
            // Past and not done (the server was down): fire once now; Quartz's FireNow also covers a miss after this.
            var at = step.DueAt > now ? step.DueAt : now.AddSeconds(5);
            triggers.Add(TriggerBuilder.Create(TimeProvider.System).WithIdentity($"{movement.Code}:{step.Key}", JobCatalog.MovementGroup).WithDescription(step.Description)
                .StartAt(new DateTimeOffset(at, TimeSpan.Zero))
                .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build());
        }
        await ScheduleAsync(scheduler, job, triggers, ct);
    }

    /// <summary>Replaces the job and all its triggers, keeping it paused if an administrator paused it.</summary>
    private static async Task ScheduleAsync(IScheduler scheduler, IJobDetail job, IReadOnlyCollection<ITrigger> triggers, CancellationToken ct)
    {
        var existing = await scheduler.GetTriggersOfJob(job.Key, ct);
        var paused = false;
        foreach (var t in existing)
            paused |= await scheduler.GetTriggerState(t.Key, ct) == TriggerState.Paused;
        await scheduler.DeleteJob(job.Key, ct);
        await scheduler.ScheduleJob(job, triggers, new ScheduleJobOptions { Replace = true }, ct);
        if (paused)
            await scheduler.PauseJob(job.Key, ct);
    }
}
