using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Notifications;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Scheduling;

/// <summary>
/// Tells the next leader up about tasks past their due date: the leader of the task's organization, or of
/// its parent when the overdue task is already a leader's. Each task is escalated once, in the same
/// transaction as its journal entry and emails.
/// </summary>
public sealed class EscalationRunner(ThiDuaDbContext db, OutboxWriter outbox, OrgTree tree, TimeProvider time)
{
    public const string Template = "escalation";
    public const int BatchSize = 500;

    public async Task<string?> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var overdue = await db.Bookmarks
            .Where(b => b.Status == BookmarkStatus.Open && (b.Kind == BookmarkKind.HumanTask || b.Kind == BookmarkKind.Vote) && b.DueAt != null && b.DueAt < now && b.EscalatedAt == null)
            .OrderBy(b => b.DueAt).Take(BatchSize).ToListAsync(ct);
        var view = await tree.GetAsync(ct);
        var escalated = 0;
        foreach (var task in overdue)
        {
            if (task.AssigneeOrgId is not { } orgId)
                continue;
            var (leaders, leaderOrg) = await NextLeadersAsync(view, orgId, skipOwnLeaders: task.AssigneeRole == Roles.Leader, ct);
            var dossier = await db.Dossiers.AsNoTracking().Where(d => d.Id == task.DossierId).Select(d => new { d.Code, d.NomineeName }).FirstOrDefaultAsync(ct);
            var model = new Dictionary<string, string?>
            {
                ["dossierId"] = task.DossierId.ToString(), ["dossierCode"] = dossier?.Code, ["nomineeName"] = dossier?.NomineeName,
                ["step"] = task.NodeName, ["orgName"] = task.AssigneeOrgName, ["dueAt"] = task.DueAt?.ToString("O"),
                ["daysOverdue"] = Math.Max(1, (int)Math.Ceiling((now - task.DueAt!.Value).TotalDays)).ToString(),
            };
            foreach (var leader in leaders)
                outbox.Enqueue(Template, leader, model, task.DossierId);
            task.EscalatedAt = now;
            task.Version++;
            db.Journal.Add(new JournalEntry
            {
                Id = Guid.CreateVersion7(), InstanceId = task.InstanceId, DossierId = task.DossierId, At = now, Sequence = JournalSequence.Next(now),
                Kind = JournalKinds.Escalated, NodeId = task.NodeId, NodeName = task.NodeName, ActorName = Actor.System.Name,
                OrgId = leaderOrg?.Id, OrgName = leaderOrg?.Name,
                Comment = leaders.Count == 0 ? "Quá hạn; không tìm thấy lãnh đạo cấp trên để báo." : $"Quá hạn; đã báo {string.Join(", ", leaders.Select(l => l.Name))}.",
            });
            try
            {
                await db.SaveChangesAsync(ct);
                escalated++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Completed or escalated meanwhile: nothing to report for it.
                db.ChangeTracker.Clear();
            }
        }
        return escalated == 0 ? null : $"Đã báo lãnh đạo cấp trên {escalated} nhiệm vụ quá hạn.";
    }

    private async Task<(IReadOnlyList<OutboxWriter.Recipient> Leaders, Organization? Org)> NextLeadersAsync(OrgTreeView view, Guid orgId, bool skipOwnLeaders, CancellationToken ct)
    {
        var chain = view.SelfAndAncestors(orgId).Skip(skipOwnLeaders ? 1 : 0);
        foreach (var org in chain)
        {
            var leaders = await outbox.UsersAsync(Roles.Leader, org.Id, ct);
            if (leaders.Count > 0)
                return (leaders, org);
        }
        return ([], null);
    }
}
