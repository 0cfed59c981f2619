using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Infrastructure.Audit;

/// <summary>Adds audit entries to the current unit of work; they are saved by the caller's SaveChanges, with the decision.</summary>
public sealed class AuditLog(ThiDuaDbContext db, TimeProvider time)
{
    public void Record(string action, Guid? actorUserId, string? actorName, string? subject, string? detail)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(),
            At = time.GetUtcNow().UtcDateTime,
            ActorUserId = actorUserId,
            ActorName = actorName,
            Action = action,
            Subject = Trim(subject, 200),
            Detail = Trim(detail, 2000),
        });
    }

    public void Record(string action, Organizations.CurrentUser user, string? subject, string? detail = null) =>
        Record(action, user.Id, user.DisplayName, subject, detail);

    internal static string? Trim(string? s, int max) => s is { Length: > 0 } && s.Length > max ? s[..max] : s;
}
