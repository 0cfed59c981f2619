using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Email;
using ThiDua.Infrastructure.Notifications;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Bench;

/// <summary>
/// Period-end fan-out: one step queues N emails (OutboxWriter, one transaction, as PeriodEndRunner does), then the
/// real outbox dispatcher sends them with the application's SMTP sender and its default settings to a local aiosmtpd
/// sink, which records the X-ThiDua-Outbox-Id of every message it accepts, so duplicates and losses are counted.
/// </summary>
public static class EmailFanOut
{
    private const string Python = "/usr/bin/python3";

    // A deliberately light sink: the test suite's sink parses and saves every message, which would measure Python.
    private const string SinkScript = """
        import sys

        class Sink:
            def __init__(self, path):
                self.out = open(path, "a", buffering=1)

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(args[0])

            async def handle_DATA(self, server, session, envelope):
                oid = b"-"
                for line in envelope.original_content.split(b"\r\n"):
                    if not line:
                        break
                    if line[:18].lower() == b"x-thidua-outbox-id":
                        oid = line[19:].strip()
                self.out.write(oid.decode() + "\n")
                return "250 Message accepted for delivery"
        """;

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var folder = Directory.CreateDirectory(Path.Combine(options.DataFolder, "smtp")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "bench_sink.py"), SinkScript);
        var received = Path.Combine(folder, "received.txt");
        File.Delete(received);
        var port = ServerProcess.FreePort();
        using var sink = StartSink(folder, port, received);

        var path = Path.Combine(options.DataFolder, "email-full.db");
        var settings = new Dictionary<string, string?>
        {
            ["Email:Mode"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // BENCH_EMAIL_PARALLELISM tries another number of SMTP connections than the configured default.
        if (Environment.GetEnvironmentVariable("BENCH_EMAIL_PARALLELISM") is { Length: > 0 } parallelism)
            settings["Email:Dispatcher:MaxParallelism"] = parallelism;
        await using var app = await AppServices.CreateAsync(options, path, "FULL", fresh: true, settings,
            (services, config) => services.AddThiDuaEmail(config, options.DataFolder));
        var count = options.Emails;

        var sw = Stopwatch.StartNew();
        await using (var scope = app.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
            await db.Outbox.ExecuteDeleteAsync();
            var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
            for (var i = 0; i < count; i++)
            {
                var model = new Dictionary<string, string?>
                {
                    ["reviewKind"] = "sơ kết", ["phaseName"] = "2022–2025", ["planReference"] = "Kế hoạch số 12/KH-UBND ngày 15/01/2022",
                    ["movementName"] = "Phong trào thi đua \"Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau\"",
                    ["reviewDate"] = "15/12/2025", ["unitName"] = $"Đơn vị số {i}", ["deadline"] = "17:00 ngày 30/11/2025", ["baseUrl"] = "http://localhost:5187",
                };
                outbox.Enqueue("round-opened", new OutboxWriter.Recipient(Guid.CreateVersion7(), Names.Person(i), $"don-vi-{i}@thidua.local"), model);
            }
            await db.SaveChangesAsync();
        }
        var enqueue = sw.Elapsed;

        var dispatcher = app.Provider.GetRequiredService<OutboxDispatcher>();
        sw.Restart();
        var sent = 0;
        var rounds = 0;
        while (sent < count && sw.Elapsed < TimeSpan.FromMinutes(options.Quick ? 5 : 30))
        {
            var result = await dispatcher.DispatchDueAsync(CancellationToken.None);
            sent += result.Sent;
            rounds++;
            if (result.Total == 0)
                await Task.Delay(100);
        }
        var delivery = sw.Elapsed;

        await using (var scope = app.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
            var recordedSent = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent);
            await Task.Delay(500);
            var ids = (await File.ReadAllLinesAsync(received)).Where(l => l.Length > 0).ToList();
            var distinct = ids.Distinct().Count();
            var duplicates = ids.Count - distinct;
            var options2 = app.Provider.GetRequiredService<EmailOptions>().Dispatcher;
            report.Add($"email fan-out: enqueue {count:N0} (one transaction)", enqueue.TotalSeconds, "0.0", "s");
            report.Add($"email fan-out: delivery rate to aiosmtpd (parallelism {options2.MaxParallelism}, batch {options2.BatchSize})", sent / delivery.TotalSeconds, "N0", "msgs/s", "≥ 300 msgs/s", sent / delivery.TotalSeconds >= 300);
            report.Add("email fan-out: duplicates received", duplicates, "N0", "", "= 0", duplicates == 0);
            report.Note("email fan-out: received / recorded Sent", $"{ids.Count:N0} / {recordedSent:N0} of {count:N0}, {rounds} dispatch rounds");

            // The same sender and sink without the database: how much of the rate the outbox itself costs. Runs after the
            // count above, so its messages are not taken for duplicates.
            var direct = await SendDirectAsync(app.Provider.GetRequiredService<IEmailSender>(), Math.Min(count, 20_000), options2.MaxParallelism);
            report.Add($"email fan-out: same SMTP client to the same sink, no database ({options2.MaxParallelism} connections)", direct, "N0", "msgs/s");
        }
    }

    private static async Task<double> SendDirectAsync(IEmailSender sender, int count, int connections)
    {
        var body = string.Concat(Enumerable.Repeat("Kính gửi: Đồng chí Nguyễn Văn An, thông báo mở đợt nhận hồ sơ đề nghị khen thưởng.\n", 12));
        var next = -1;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            using var session = sender.OpenSession();
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                await session.SendAsync(new EmailMessage($"truc-tiep-{i}@thidua.local", Names.Person(i), "[TĐKT] Mở đợt nhận hồ sơ đề nghị khen thưởng", body)
                {
                    MessageId = $"<truc-tiep-{i}@thidua.local>",
                    Headers = new Dictionary<string, string> { [OutboxDispatcher.OutboxIdHeader] = $"truc-tiep-{i}" },
                }, CancellationToken.None);
        })));
        return count / sw.Elapsed.TotalSeconds;
    }

    private static SinkProcess StartSink(string folder, int port, string received)
    {
        var start = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "bench_sink.Sink", received })
            start.ArgumentList.Add(a);
        start.Environment["PYTHONPATH"] = folder;
        var process = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                Thread.Sleep(50);
            }
        }
        return new SinkProcess(process);
    }

    private sealed class SinkProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            process.Dispose();
        }
    }

}
