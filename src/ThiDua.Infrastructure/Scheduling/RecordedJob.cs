using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Infrastructure.Scheduling;

/// <summary>
/// Base of every scheduled job: runs the work in its own DI scope and records the run (start, duration,
/// outcome, error) for the Jobs page. A failure is recorded and rethrown so Quartz sees it too.
/// </summary>
public abstract class RecordedJob(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : IJob
{
    public const string TriggeredByKey = "triggeredBy";

    /// <summary>Does the work; returns what it did, or null when there was nothing to do.</summary>
    protected abstract Task<string?> RunAsync(IServiceProvider services, IJobExecutionContext context, CancellationToken ct);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var run = new JobRun
        {
            Id = Guid.CreateVersion7(),
            JobKey = context.JobDetail.Key.ToString(),
            JobName = context.JobDetail.Description ?? context.JobDetail.Key.Name,
            TriggeredBy = context.MergedJobDataMap.GetString(TriggeredByKey) ?? "lịch",
            StartedAt = time.GetUtcNow().UtcDateTime,
        };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var summary = await RunAsync(scope.ServiceProvider, context, cancellationToken);
            // A frequent job that found nothing to do is not worth a line in the history.
            if (summary is null && run.TriggeredBy == "lịch")
                return;
            await RecordAsync(run, JobOutcome.Succeeded, summary ?? "Không có việc đến hạn.", null, started, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Job {Job} failed", run.JobKey);
            await RecordAsync(run, JobOutcome.Failed, null, ex.Message, started, CancellationToken.None);
            throw new JobExecutionException(ex.Message, ex);
        }
    }

    private async Task RecordAsync(JobRun run, JobOutcome outcome, string? summary, string? error, long started, CancellationToken ct)
    {
        run.FinishedAt = time.GetUtcNow().UtcDateTime;
        run.DurationMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
        run.Outcome = outcome;
        run.Summary = summary?.Length > 2000 ? summary[..2000] : summary;
        run.Error = error?.Length > 4000 ? error[..4000] : error;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Runs one movement's due period-end steps.</summary>
[DisallowConcurrentExecution]
public sealed class MovementJob(IServiceScopeFactory scopes, TimeProvider time, ILogger<MovementJob> logger) : RecordedJob(scopes, time, logger)
{
    public const string MovementIdKey = "movementId";

    protected override async Task<string?> RunAsync(IServiceProvider services, IJobExecutionContext context, CancellationToken ct) =>
        await services.GetRequiredService<PeriodEndRunner>().RunDueAsync(Guid.Parse(context.MergedJobDataMap.GetString(MovementIdKey)!), ct);
}

/// <summary>Resumes workflow timers that are due.</summary>
[DisallowConcurrentExecution]
public sealed class WorkflowTimersJob(IServiceScopeFactory scopes, TimeProvider time, ILogger<WorkflowTimersJob> logger) : RecordedJob(scopes, time, logger)
{
    protected override async Task<string?> RunAsync(IServiceProvider services, IJobExecutionContext context, CancellationToken ct)
    {
        var poll = await services.GetRequiredService<Timers.DueTimerProcessor>().ProcessDueAsync(ct);
        var parts = new List<string>();
        if (poll.Fired > 0)
            parts.Add($"Đã tiếp tục {poll.Fired} quy trình đến hạn.");
        if (poll.Failed > 0)
            parts.Add($"{poll.Failed} hẹn giờ không tiếp tục được (xem nhật ký lỗi), sẽ thử lại sau.");
        if (poll.Deferred > 0)
            parts.Add($"{poll.Deferred} hẹn giờ lỗi đang chờ đến lượt thử lại.");
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }
}

/// <summary>Escalates overdue tasks to the next leader up.</summary>
[DisallowConcurrentExecution]
public sealed class EscalationJob(IServiceScopeFactory scopes, TimeProvider time, ILogger<EscalationJob> logger) : RecordedJob(scopes, time, logger)
{
    protected override async Task<string?> RunAsync(IServiceProvider services, IJobExecutionContext context, CancellationToken ct) =>
        await services.GetRequiredService<EscalationRunner>().RunAsync(ct);
}
