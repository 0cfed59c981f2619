using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Bench;

/// <summary>The application's services in this process, on a database file of the benchmark's own (no web host).</summary>
public sealed class AppServices : IAsyncDisposable
{
    public ServiceProvider Provider { get; }
    public string DatabasePath { get; }

    private AppServices(ServiceProvider provider, string path)
    {
        Provider = provider;
        DatabasePath = path;
    }

    public static async Task<AppServices> CreateAsync(BenchOptions options, string databasePath, string synchronous, bool fresh, IDictionary<string, string?>? extra = null,
        Action<IServiceCollection, IConfiguration>? configure = null)
    {
        if (fresh)
            Sqlite.Delete(databasePath);
        var settings = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={databasePath}",
            ["Database:SqliteSynchronous"] = synchronous,
            ["Scheduling:Enabled"] = "false",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
            settings[k] = v;
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        // EF Core logs each refused insert of a parallel submit (dossier code taken, retried by the service): not news here.
        // BENCH_SQL_LOG=1 prints every SQL command instead, to see what one operation costs.
        var sqlLog = Environment.GetEnvironmentVariable("BENCH_SQL_LOG") == "1";
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", sqlLog ? LogLevel.Information : LogLevel.Critical));
        services.AddThiDuaInfrastructure(config, options.DataFolder);
        configure?.Invoke(services, config);
        var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(Path.Combine(options.RepoRoot, "workflows"), seedDemo: true, CancellationToken.None);
        return new AppServices(provider, databasePath);
    }

    public async Task<CurrentUser> UserAsync(string username)
    {
        await using var scope = Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        var id = await db.Users.Where(u => u.Username == username).Select(u => u.Id).SingleAsync();
        return (await scope.ServiceProvider.GetRequiredService<UserDirectory>().LoadAsync(id, CancellationToken.None))!;
    }

    /// <summary>Creates and submits dossiers as the secretary of the demo unit, <paramref name="workers"/> at a time.</summary>
    public async Task<List<Guid>> SubmitDossiersAsync(int count, int workers, string awardForm = "giay-khen")
    {
        var secretary = await UserAsync("thuky.ttud");
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, ct) =>
        {
            await using var scope = Provider.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<DossierService>();
            var d = await service.CreateAsync(secretary, new DossierInput("individual", Names.Person(i), "Chuyên viên", awardForm, null, null, "2026", "Hoàn thành xuất sắc nhiệm vụ năm 2026."), ct);
            await service.SubmitAsync(secretary, d.Id, null, ct);
            ids.Add(d.Id);
        });
        return [.. ids];
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

/// <summary>Vietnamese names with a realistic spread (Nguyễn is common, given names vary).</summary>
public static class Names
{
    private static readonly string[] Family = ["Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    private static readonly string[] Middle = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Xuân", "Hoài", "Kim", "Công", "Bảo", "Gia"];
    private static readonly string[] Given = ["An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thành", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Tùng", "Vinh", "Vy", "Yến", "Ánh", "Đông", "Lộc", "Nhung"];
    private static readonly string[] Teams = ["Phòng Hành chính – Tổng hợp", "Tổ Khoa học Tự nhiên", "Tổ Văn phòng", "Phòng Kế hoạch – Tài chính", "Đội Kiểm tra", "Tổ Công đoàn", "Phòng Nghiệp vụ", "Tổ Toán – Tin"];

    public static string Person(int i)
    {
        var h = Mix(i);
        return $"{Family[h % Family.Length]} {Middle[h / 20 % Middle.Length]} {Given[h / 300 % Given.Length]}";
    }

    public static string Team(int i) => Teams[Mix(i + 7) % Teams.Length];

    /// <summary>A fixed integer hash, so a run generates the same names as the last one.</summary>
    public static uint Mix(int i)
    {
        var h = (uint)i * 2654435761u;
        h ^= h >> 15;
        h *= 2246822519u;
        return h ^ (h >> 13);
    }
}
