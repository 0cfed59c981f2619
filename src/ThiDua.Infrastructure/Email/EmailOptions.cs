using System.Net.Mail;

namespace ThiDua.Infrastructure.Email;

/// <summary>The "Email" section of appsettings.json.</summary>
public sealed class EmailOptions
{
    public const string PickupMode = "Pickup";
    public const string SmtpMode = "Smtp";

    /// <summary><c>Pickup</c> writes one .eml file per message (the embedded default); <c>Smtp</c> sends through <see cref="Smtp"/>.</summary>
    public string Mode { get; set; } = PickupMode;
    /// <summary>The address people open the application at; links in emails start with it.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5187";
    public string FromAddress { get; set; } = "no-reply@thidua.local";
    public string FromName { get; set; } = "Hệ thống Thi đua – Khen thưởng";
    /// <summary>Where the template files are; empty means the <c>emails</c> folder beside the binaries. A relative path starts at the content root.</summary>
    public string TemplatesFolder { get; set; } = "";
    /// <summary>Where <c>Pickup</c> mode writes its .eml files. A relative path starts at the content root.</summary>
    public string PickupFolder { get; set; } = "data/mail";
    public SmtpOptions Smtp { get; set; } = new();
    public DispatcherOptions Dispatcher { get; set; } = new();

    /// <summary>Makes the folders absolute and rejects settings that cannot work, with the setting's name in the message.</summary>
    public EmailOptions Resolve(string contentRoot)
    {
        TemplatesFolder = string.IsNullOrWhiteSpace(TemplatesFolder)
            ? Path.Combine(AppContext.BaseDirectory, "emails")
            : Path.GetFullPath(TemplatesFolder, contentRoot);
        PickupFolder = Path.GetFullPath(PickupFolder, contentRoot);

        if (!Mode.Equals(PickupMode, StringComparison.OrdinalIgnoreCase) && !Mode.Equals(SmtpMode, StringComparison.OrdinalIgnoreCase))
            throw Invalid("Mode", $"'{Mode}' is not supported; use {PickupMode} or {SmtpMode}.");
        if (IsSmtp && string.IsNullOrWhiteSpace(Smtp.Host))
            throw Invalid("Smtp:Host", "is required when Email:Mode is Smtp.");
        if (Smtp.Port is < 1 or > 65535)
            throw Invalid("Smtp:Port", $"{Smtp.Port} is not a TCP port.");
        // Checked here, not at send time, where a bad sender address would fail every email as undeliverable.
        if (!MailAddress.TryCreate(FromAddress, out _))
            throw Invalid("FromAddress", $"'{FromAddress}' is not an email address.");
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
            throw Invalid("BaseUrl", $"'{BaseUrl}' is not an absolute URL.");
        if (Dispatcher.BatchSize < 1 || Dispatcher.MaxParallelism < 1 || Dispatcher.MaxAttempts < 1)
            throw Invalid("Dispatcher", "BatchSize, MaxParallelism and MaxAttempts must be at least 1.");
        // A send that may still be running when its lease runs out could be sent a second time by another worker.
        if (Dispatcher.Lease <= Smtp.Timeout)
            throw Invalid("Dispatcher:LeaseMinutes", "must be longer than Email:Smtp:TimeoutSeconds.");
        return this;
    }

    public bool IsSmtp => Mode.Equals(SmtpMode, StringComparison.OrdinalIgnoreCase);

    private static InvalidOperationException Invalid(string key, string problem) => new($"Email:{key} {problem}");
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    /// <summary>STARTTLS (System.Net.Mail cannot speak implicit TLS, so use port 587 or 25, not 465).</summary>
    public bool EnableSsl { get; set; }
    /// <summary>Empty: no authentication.</summary>
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public int TimeoutSeconds { get; set; } = 30;

    public TimeSpan Timeout => TimeSpan.FromSeconds(Math.Max(1, TimeoutSeconds));
}

public sealed class DispatcherOptions
{
    /// <summary>Runs the background dispatcher on this node. Any number of nodes may run it on one database.</summary>
    public bool Enabled { get; set; } = true;
    public int PollSeconds { get; set; } = 5;
    /// <summary>Messages claimed per database round trip.</summary>
    public int BatchSize { get; set; } = 100;
    /// <summary>Messages sent at the same time, each worker over its own connection.</summary>
    public int MaxParallelism { get; set; } = 8;
    /// <summary>After this many failed attempts a message is marked Failed and waits for an administrator to resend it.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>How long a claimed message belongs to the worker that claimed it; after that another worker takes it over.</summary>
    public int LeaseMinutes { get; set; } = 5;

    public TimeSpan Lease => TimeSpan.FromMinutes(Math.Max(1, LeaseMinutes));
}
