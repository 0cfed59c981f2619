using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Audit;

/// <summary>
/// Every workflow decision is journaled by the engine; this copies each new journal entry that records a
/// decision into the audit trail in the same SaveChanges. A secret ballot's journal has no choice, so neither has the audit.
/// </summary>
public sealed class JournalAuditInterceptor : SaveChangesInterceptor
{
    private static readonly HashSet<string> Decisions =
    [
        JournalKinds.Started, JournalKinds.TaskCompleted, JournalKinds.VoteCast, JournalKinds.VoteClosed, JournalKinds.TimerFired,
        JournalKinds.Ended, JournalKinds.Escalated, JournalKinds.Cancelled, JournalKinds.Faulted,
    ];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        CopyDecisions(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        CopyDecisions(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>Adds the audit copies; also called by saves that do not go through EF Core's pipeline (SqliteRowStatements).</summary>
    public static void CopyDecisions(DbContext? context)
    {
        if (context is null)
            return;
        var entries = context.ChangeTracker.Entries<JournalEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        context.Set<AuditEntry>().AddRange(CopiesOf(entries));
    }

    /// <summary>The audit copies of the entries that record a decision (for journal entries saved without being tracked).</summary>
    public static List<AuditEntry> CopiesOf(IEnumerable<JournalEntry> entries)
    {
        var copies = new List<AuditEntry>();
        foreach (var j in entries.Where(e => Decisions.Contains(e.Kind)))
        {
            var detail = string.Join(" · ", new[] { j.NodeName, j.OrgName, j.Outcome, j.Comment, j.Data }.Where(s => !string.IsNullOrEmpty(s)));
            copies.Add(new AuditEntry
            {
                Id = Guid.CreateVersion7(),
                At = j.At,
                ActorUserId = j.ActorUserId,
                ActorName = j.ActorName,
                Action = "workflow." + j.Kind,
                Subject = "dossier:" + j.DossierId,
                Detail = AuditLog.Trim(detail, 2000),
            });
        }
        return copies;
    }
}
