namespace ThiDua.Infrastructure.Email;

/// <summary>One plain-text email to one recipient, already rendered.</summary>
public sealed record EmailMessage(string ToAddress, string? ToName, string Subject, string Body)
{
    /// <summary>The Message-ID header, angle brackets included; none is added when null.</summary>
    public string? MessageId { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>Delivers emails. The outbox dispatcher is the only caller in the application.</summary>
public interface IEmailSender
{
    /// <summary>
    /// A channel for one worker: its messages go out one after another over one connection, which stays open
    /// until the session is disposed. A session is never used by two workers at once; open one per worker.
    /// </summary>
    IEmailSession OpenSession();
}

public interface IEmailSession : IDisposable
{
    /// <summary>Returns once the message is accepted (by the SMTP server, or written to disk); throws otherwise.</summary>
    Task SendAsync(EmailMessage message, CancellationToken ct);
}

public static class EmailSenderExtensions
{
    /// <summary>Sends one message over a session of its own.</summary>
    public static async Task SendAsync(this IEmailSender sender, EmailMessage message, CancellationToken ct)
    {
        using var session = sender.OpenSession();
        await session.SendAsync(message, ct);
    }
}
