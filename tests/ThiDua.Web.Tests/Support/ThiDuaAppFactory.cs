using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ThiDua.Infrastructure.Email;
using ThiDua.Infrastructure.Timers;

namespace ThiDua.Web.Tests.Support;

/// <summary>
/// The real application on a real SQLite file of its own (deleted afterwards), with a clock the test
/// moves and the timer poller and email dispatcher switched off so tests fire timers and send emails exactly when
/// they mean to. Emails go to .eml files in <see cref="MailFolder"/> unless a subclass configures SMTP.
/// </summary>
public class ThiDuaAppFactory : WebApplicationFactory<Program>
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("thidua-test-").FullName;
    public string DatabasePath => Path.Combine(Folder, "thidua.db");
    public string MailFolder => Path.Combine(Folder, "mail");
    // Monday 2 November 2026, 09:00 in Vietnam.
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:ConnectionString"] = $"Data Source={DatabasePath}",
        ["Scheduling:Enabled"] = "false",
        // Tests sign in dozens of times a minute from one address; RateLimitTests sets a real limit.
        ["Security:LoginPermitPerMinute"] = "100000",
        ["Email:Dispatcher:Enabled"] = "false",
        ["Email:PickupFolder"] = MailFolder,
        ["Demo:Seed"] = "true",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task<int> FireDueTimersAsync() => (await PollTimersAsync()).Fired;

    public Task<TimerPoll> PollTimersAsync() => Services.GetRequiredService<DueTimerProcessor>().ProcessDueAsync(CancellationToken.None);

    /// <summary>One dispatch round, as the background dispatcher would run it: sends every email due at <see cref="Clock"/>'s time.</summary>
    public Task<DispatchResult> DispatchEmailsAsync() => Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

    public async Task<ApiClient> LoginAsync(string username, string password = "ThiDua@2026")
    {
        var client = new ApiClient(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = ClientOptions.BaseAddress }), username);
        await client.LoginAsync(password);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a finishing background thread; the OS temp cleaner takes it.
            }
        }
    }
}
