namespace ThiDua.Web.Tests.Support;

/// <summary>
/// The application in SMTP mode, sending to a real SMTP server (an <see cref="SmtpSink"/> of its own). Batches are
/// kept small so that a few hundred messages already take several claims, as ten thousand would in production.
/// </summary>
public class SmtpAppFactory : ThiDuaAppFactory
{
    private readonly SmtpAppFactory? _first;

    public SmtpSink Sink { get; }

    public SmtpAppFactory() => Sink = SmtpSink.StartNew();

    private SmtpAppFactory(SmtpAppFactory first)
    {
        _first = first;
        Sink = first.Sink;
    }

    /// <summary>Another web node: its own host, clock and dispatcher, on this node's database and SMTP server.</summary>
    public SmtpAppFactory SecondNode() => new(this);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Email:Mode"] = "Smtp";
            settings["Email:Smtp:Host"] = "127.0.0.1";
            settings["Email:Smtp:Port"] = Sink.Port.ToString();
            settings["Email:Smtp:TimeoutSeconds"] = "20";
            settings["Email:Dispatcher:BatchSize"] = "25";
            settings["Email:Dispatcher:MaxParallelism"] = "4";
            if (_first is not null)
                settings["Database:ConnectionString"] = $"Data Source={_first.DatabasePath}";
            return settings;
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _first is null)
            Sink.Dispose();
    }
}
