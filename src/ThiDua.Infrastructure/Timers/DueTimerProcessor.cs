using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Timers;

/// <summary>What one poll did: timers resumed, timers that could not be (tried again later), timers still waiting to be tried again.</summary>
public sealed record TimerPoll(int Fired, int Failed, int Deferred);

/// <summary>
/// Resumes workflow timers whose ResumeAt has passed. Each timer is fired in its own scope and transaction;
/// the bookmark's version makes a timer fired by two nodes at once advance only once.
/// </summary>
public sealed class DueTimerProcessor(IServiceScopeFactory scopes, TimeProvider time, ILogger<DueTimerProcessor> log)
{
    public const int BatchSize = 200;

    /// <summary>The longest wait before a timer that could not be resumed is tried again.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(6);

    /// <summary>
    /// Timers that could not be resumed, and when to try each again. A timer on a step with no way on for a fired timer
    /// fails the same way every time; tried at every poll (every 30 s), two thousand of them on the bench file took a
    /// core and wrote two thousand errors to the log each time. Kept per node: a node that takes over the job tries
    /// them once more before it backs off too.
    /// </summary>
    private readonly ConcurrentDictionary<Guid, Retry> _retries = new();

    private sealed record Retry(int Failures, DateTime NotBefore);

    /// <summary>1 minute after the first failure, then twice as long after each, up to <see cref="MaxRetryDelay"/>.</summary>
    public static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromMinutes(Math.Min(Math.Pow(2, Math.Min(failures, 20) - 1), MaxRetryDelay.TotalMinutes));

    public async Task<TimerPoll> ProcessDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var deferred = _retries.Where(r => r.Value.NotBefore > now).Select(r => r.Key).ToHashSet();
        // Tried in this poll, whatever came of it: a full batch of failures is not read again until the next poll.
        var tried = new HashSet<Guid>();
        int fired = 0, failed = 0;
        while (true)
        {
            List<Guid> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
                // One parameter however many are left out (a list would be one parameter per timer).
                var skip = deferred.Concat(tried).ToList();
                due = await db.Bookmarks.AsNoTracking()
                    .Where(b => b.Kind == BookmarkKind.Timer && b.Status == BookmarkStatus.Open && b.ResumeAt <= now && !EF.Parameter(skip).Contains(b.Id))
                    .OrderBy(b => b.ResumeAt).Select(b => b.Id).Take(BatchSize).ToListAsync(ct);
            }
            foreach (var id in due)
            {
                tried.Add(id);
                switch (await FireOneAsync(id, ct))
                {
                    case Outcome.Fired:
                        fired++;
                        _retries.TryRemove(id, out _);
                        break;
                    case Outcome.Failed:
                        failed++;
                        break;
                }
            }
            if (due.Count < BatchSize)
                break;
        }
        // A timer whose wait is over but that was not due any more has been resumed or cancelled elsewhere.
        foreach (var id in _retries.Where(r => r.Value.NotBefore <= now && !tried.Contains(r.Key)).Select(r => r.Key).ToList())
            _retries.TryRemove(id, out _);
        return new TimerPoll(fired, failed, deferred.Count);
    }

    private enum Outcome { Fired, Gone, Failed }

    private async Task<Outcome> FireOneAsync(Guid bookmarkId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<EfWorkflowSession>();
        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
        try
        {
            if (!await runtime.FireTimerAsync(session, bookmarkId, ct))
                return Outcome.Gone;
            await session.SaveAsync(ct);
            return Outcome.Fired;
        }
        catch (DbUpdateConcurrencyException)
        {
            log.LogInformation("Timer {Bookmark} was resumed by another worker", bookmarkId);
            return Outcome.Gone;
        }
        catch (WorkflowException ex)
        {
            var failures = (_retries.TryGetValue(bookmarkId, out var before) ? before.Failures : 0) + 1;
            var next = time.GetUtcNow().UtcDateTime + RetryDelay(failures);
            _retries[bookmarkId] = new Retry(failures, next);
            log.LogError("Timer {Bookmark} could not be resumed (attempt {Attempt}, next at {Next:u}): {Message}", bookmarkId, failures, next, ex.Message);
            return Outcome.Failed;
        }
    }
}
