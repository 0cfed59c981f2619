using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Notifications;

/// <summary>
/// Queues emails that do not come from a workflow step (round opened, reminders, escalations), into the same
/// outbox, in the caller's transaction: the job's work and its emails are saved together or not at all.
/// </summary>
public sealed class OutboxWriter(ThiDuaDbContext db, TimeProvider time)
{
    private static readonly JsonSerializerOptions ModelJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Recipient(Guid UserId, string Name, string Email);

    public async Task<IReadOnlyList<Recipient>> UsersAsync(string role, Guid orgId, CancellationToken ct) =>
        await (from r in db.UserRoles
               join u in db.Users on r.UserId equals u.Id
               where r.OrgId == orgId && r.Role == role && u.IsActive && u.Email != null
               orderby u.Username
               select new Recipient(u.Id, u.DisplayName, u.Email!)).ToListAsync(ct);

    public void Enqueue(string template, Recipient to, IReadOnlyDictionary<string, string?> model, Guid? dossierId = null)
    {
        var values = new Dictionary<string, string?>(model, StringComparer.Ordinal) { ["recipientName"] = to.Name };
        var now = time.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Template = template,
            ToAddress = to.Email,
            ToName = to.Name,
            ToUserId = to.UserId,
            ModelJson = JsonSerializer.Serialize(values, ModelJson),
            DossierId = dossierId,
            CreatedAt = now,
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
        });
    }
}
