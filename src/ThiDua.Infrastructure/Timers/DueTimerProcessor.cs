using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Timers;

/// <summary>
/// Resumes workflow timers whose ResumeAt has passed. Each timer is fired in its own scope and transaction;
/// the bookmark's version makes a timer fired by two nodes at once advance only once.
/// </summary>
public sealed class DueTimerProcessor(IServiceScopeFactory scopes, TimeProvider time, ILogger<DueTimerProcessor> log)
{
    public const int BatchSize = 200;

    public async Task<int> ProcessDueAsync(CancellationToken ct)
    {
        var fired = 0;
        // A timer that cannot be resumed stays open and due; it is tried again at the next poll, not in this one.
        // Without this a full batch of them was read and failed again and again, a busy loop that held the poller
        // and two cores (found on the 1M-dossier bench file).
        var failed = new HashSet<Guid>();
        while (true)
        {
            List<Guid> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
                var now = time.GetUtcNow().UtcDateTime;
                due = await db.Bookmarks.AsNoTracking()
                    .Where(b => b.Kind == BookmarkKind.Timer && b.Status == BookmarkStatus.Open && b.ResumeAt <= now && !failed.Contains(b.Id))
                    .OrderBy(b => b.ResumeAt).Select(b => b.Id).Take(BatchSize).ToListAsync(ct);
            }
            foreach (var id in due)
            {
                if (await FireOneAsync(id, ct))
                    fired++;
                else
                    failed.Add(id);
            }
            if (due.Count < BatchSize)
                return fired;
        }
    }

    private async Task<bool> FireOneAsync(Guid bookmarkId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<EfWorkflowSession>();
        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
        try
        {
            if (!await runtime.FireTimerAsync(session, bookmarkId, ct))
                return false;
            await session.SaveAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            log.LogInformation("Timer {Bookmark} was resumed by another worker", bookmarkId);
            return false;
        }
        catch (WorkflowException ex)
        {
            log.LogError("Timer {Bookmark} could not be resumed: {Message}", bookmarkId, ex.Message);
            return false;
        }
    }
}
