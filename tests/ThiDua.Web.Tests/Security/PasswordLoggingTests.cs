using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Security;

/// <summary>Whatever happens at sign-in, no password reaches a log line or the audit trail, at any log level.</summary>
public sealed class PasswordLoggingTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public async Task Passwords_never_appear_in_the_logs_or_the_audit_trail()
    {
        var capture = new CapturingLoggerProvider();
        using var logged = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(capture).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace)));
        var client = logged.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        const string wrong = "Sai-MatKhau-7731";
        const string right = "ThiDua@2026";
        await client.PostAsJsonAsync("/api/auth/login", new { username = "thuky.hcth", password = right });
        for (var i = 0; i < 6; i++)
            await client.PostAsJsonAsync("/api/auth/login", new { username = "lanhdao.hcth", password = wrong }); // ends locked out
        await client.PostAsJsonAsync("/api/auth/login", new { username = "khong.ton.tai", password = wrong });
        await client.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string> { ["Username"] = "thuky.govap", ["Password"] = wrong }));

        var lines = capture.Lines.ToList();
        Assert.True(lines.Count > 50, $"only {lines.Count} log lines captured: the check would prove nothing");
        Assert.Contains(lines, l => l.Contains("/api/auth/login", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(wrong, StringComparison.Ordinal) || l.Contains(right, StringComparison.Ordinal));

        var audit = await logged.Services.CreateScope().ServiceProvider.GetRequiredService<Infrastructure.Persistence.ThiDuaDbContext>()
            .AuditEntries.Where(a => a.Action.StartsWith("login.")).ToListAsync();
        Assert.Contains(audit, a => a.Action == "login.failed");
        Assert.Contains(audit, a => a.Action == "login.locked");
        Assert.DoesNotContain(audit, a => (a.Detail ?? "").Contains(wrong, StringComparison.Ordinal) || (a.Subject ?? "").Contains(wrong, StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue($"{category} scope {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                // The structured values too: a sink that stores them would write them even when the message does not.
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
