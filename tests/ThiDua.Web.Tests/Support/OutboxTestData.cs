using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Support;

/// <summary>Reading and filling an application's email outbox directly, as the workflow runtime does.</summary>
public static class OutboxTestData
{
    public static async Task<List<OutboxMessage>> OutboxAsync(this ThiDuaAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>().Outbox.AsNoTracking().ToListAsync();
    }

    public static async Task<IEnumerable<OutboxMessage>> OutboxOf(this ThiDuaAppFactory app, OutboxStatus status) =>
        (await app.OutboxAsync()).Where(m => m.Status == status);

    public static async Task<OutboxMessage> OutboxRowAsync(this ThiDuaAppFactory app, Guid id) =>
        (await app.OutboxAsync()).Single(m => m.Id == id);

    public static async Task AddToOutboxAsync(this ThiDuaAppFactory app, params OutboxMessage[] messages)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        db.Outbox.AddRange(messages);
        await db.SaveChangesAsync();
    }

    /// <summary>A pending email due now, as the runtime writes it (a "round opened" notice unless told otherwise).</summary>
    public static OutboxMessage NewEmail(this ThiDuaAppFactory app, string to, string template = "round-opened") => new()
    {
        Id = Guid.CreateVersion7(),
        Template = template,
        ToAddress = to,
        ToName = "Nguyễn Văn Thử",
        ModelJson = """{"recipientName":"Nguyễn Văn Thử","movementName":"Thi đua thực hiện nhiệm vụ năm 2026","period":"2026"}""",
        CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        Status = OutboxStatus.Pending,
        NextAttemptAt = app.Clock.GetUtcNow().UtcDateTime,
    };
}
