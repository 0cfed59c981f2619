using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ThiDua.Web.Tests.Support;

/// <summary>A message as a mail client shows it: headers and body decoded by Python's <c>email</c> package.</summary>
public sealed record ReceivedMail(
    string? Subject,
    string? From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> ToNames,
    string? MessageId,
    string? OutboxId,
    string? ContentType,
    string? Charset,
    string? TransferEncoding,
    string? Body,
    IReadOnlyList<string> Defects,
    IReadOnlyList<string>? EnvelopeTo,
    string? File,
    int? ClientPort)
{
    /// <summary>The body with LF line ends, whatever the wire used.</summary>
    public string Text => (Body ?? "").ReplaceLineEndings("\n");
}

/// <summary>
/// A real SMTP server (aiosmtpd, run by Debian's /usr/bin/python3 as a child process) on a free loopback port. Every
/// message it accepts is saved to <see cref="Folder"/> as the raw .eml plus a .json of what Python's mail parser
/// decodes from it, both written before the server answers 250. <see cref="Stop"/> and <see cref="Start"/> take the
/// server down and bring it back on the same port, as an SMTP outage would. Recipients starting with
/// <c>tu-choi-450</c> or <c>tu-choi-550</c> are refused at RCPT TO, messages to <c>tu-choi-data…</c> with 451 after DATA;
/// <see cref="ReceivedMail.ClientPort"/> tells which connection a message came over.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private const string Python = "/usr/bin/python3";

    private const string HandlerScript = """
        import itertools, json, os, sys, time
        from email import message_from_bytes, policy

        def describe(raw):
            msg = message_from_bytes(raw, policy=policy.default)
            body = msg.get_body(preferencelist=("plain",))
            to = [a for h in msg.get_all("to", []) for a in h.addresses]
            defects = [type(d).__name__ for d in msg.defects]
            for _, value in msg.items():
                defects += [type(d).__name__ for d in getattr(value, "defects", ())]
            return {
                "subject": str(msg["subject"]) if msg["subject"] is not None else None,
                "from": str(msg["from"]) if msg["from"] is not None else None,
                "to": [a.addr_spec for a in to],
                "toNames": [a.display_name for a in to],
                "messageId": msg["message-id"],
                "outboxId": msg["x-thidua-outbox-id"],
                "contentType": msg.get_content_type(),
                "charset": msg.get_content_charset(),
                "transferEncoding": msg["content-transfer-encoding"],
                "body": body.get_content() if body is not None else None,
                "defects": defects,
            }

        def write(path, data):
            with open(path + ".tmp", "wb") as f:
                f.write(data)
            os.replace(path + ".tmp", path)

        class Sink:
            counter = itertools.count()

            def __init__(self, folder):
                self.folder = folder

            @classmethod
            def from_cli(cls, parser, *args):
                if len(args) != 1:
                    parser.error("usage: -c thidua_sink.Sink FOLDER")
                return cls(args[0])

            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                # Recipients named for a refusal get it, as a full mailbox (4xx) or an unknown one (5xx) would.
                if address.startswith("tu-choi-450"):
                    return "450 4.2.1 Mailbox busy, try again later"
                if address.startswith("tu-choi-550"):
                    return "550 5.1.1 No such user here"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                if any(r.startswith("tu-choi-data") for r in envelope.rcpt_tos):
                    return "451 4.3.0 Message not accepted, try again later"
                raw = envelope.original_content
                name = os.path.join(self.folder, "%020d-%d-%06d" % (time.time_ns(), os.getpid(), next(self.counter)))
                info = describe(raw)
                info["envelopeTo"] = list(envelope.rcpt_tos)
                info["file"] = name + ".eml"
                info["clientPort"] = session.peer[1]
                write(name + ".eml", raw)
                write(name + ".json", json.dumps(info, ensure_ascii=False).encode("utf-8"))
                return "250 Message accepted for delivery"

        if __name__ == "__main__":
            found = []
            for path in sys.argv[1:]:
                with open(path, "rb") as f:
                    found.append(dict(describe(f.read()), file=path))
            sys.stdout.write(json.dumps(found, ensure_ascii=False))
        """;

    /// <summary>One folder per version of the script, shared by test runs, so nothing piles up in the temp folder.</summary>
    private static readonly Lazy<string> ScriptFolder = new(() =>
    {
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(HandlerScript)))[..16];
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"thidua-smtp-sink-{hash}")).FullName;
        var script = Path.Combine(folder, "thidua_sink.py");
        if (!File.Exists(script))
        {
            var temp = $"{script}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temp, HandlerScript);
            File.Move(temp, script, overwrite: true);
        }
        return folder;
    });

    private readonly StringBuilder _log = new();
    private Process? _process;

    public int Port { get; }
    public string Folder { get; } = Directory.CreateTempSubdirectory("thidua-smtp-received-").FullName;

    private SmtpSink(int port) => Port = port;

    /// <summary>A running sink on a free loopback port.</summary>
    public static SmtpSink StartNew()
    {
        var sink = new SmtpSink(LoopbackPort.Free());
        sink.Start();
        return sink;
    }

    /// <summary>Starts the server (again) on <see cref="Port"/> and returns once it accepts connections.</summary>
    public void Start()
    {
        if (_process is { HasExited: false })
            return;
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "thidua_sink.Sink", Folder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONPATH"] = ScriptFolder.Value;
        start.Environment["PYTHONUNBUFFERED"] = "1";
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Accepts())
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited with code {_process.ExitCode}: {Output}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"aiosmtpd did not listen on port {Port} within 30 s: {Output}");
            Thread.Sleep(50);
        }
    }

    /// <summary>Takes the server down: connections are refused until <see cref="Start"/>.</summary>
    public void Stop()
    {
        if (_process is null)
            return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>What aiosmtpd printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    /// <summary>Every message received so far, in the order received.</summary>
    public IReadOnlyList<ReceivedMail> Messages() =>
        Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).Select(f => Read(File.ReadAllText(f))).ToList();

    /// <summary>Decodes .eml files with the same parser the sink uses for what it receives.</summary>
    public static IReadOnlyList<ReceivedMail> Parse(IEnumerable<string> emlPaths)
    {
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { Path.Combine(ScriptFolder.Value, "thidua_sink.py") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var path in emlPaths)
            start.ArgumentList.Add(path);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var json = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"parsing .eml files failed: {stderr.Result}");
        return JsonSerializer.Deserialize<List<ReceivedMail>>(json, JsonSerializerOptions.Web)!;
    }

    private static ReceivedMail Read(string json) => JsonSerializer.Deserialize<ReceivedMail>(json, JsonSerializerOptions.Web)!;

    private bool Accepts()
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Log(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }


    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
