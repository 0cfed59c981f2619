using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Attachments;
using ThiDua.Infrastructure.Calendar;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Infrastructure.Seeding;
using ThiDua.Infrastructure.Tasks;
using Quartz;
using ThiDua.Infrastructure.Movements;
using ThiDua.Infrastructure.Notifications;
using ThiDua.Infrastructure.Scheduling;
using ThiDua.Infrastructure.Timers;
using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Calendar;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure;

public static class ServiceCollectionExtensions
{
    /// <summary>Persistence, the engine and the application services. <paramref name="contentRoot"/> anchors a relative SQLite path.</summary>
    public static IServiceCollection AddThiDuaInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (!options.IsPostgres)
            SqliteProcessSettings.Apply();
        services.AddSingleton(options);
        services.TryAddTimeProvider();
        options.ResolvedConnectionString = ResolveConnectionString(options, contentRoot);

        void ConfigureFor(DbContextOptionsBuilder b, string connectionString, int? cacheKiB)
        {
            if (options.IsPostgres)
                b.UseNpgsql(connectionString);
            else
            {
                b.UseSqlite(connectionString);
                // Built at compile time (tools/compiled-model.sh): building the model at start-up was a third of it.
                b.UseModel(Persistence.CompiledModel.ThiDuaDbContextModel.Instance);
                b.AddInterceptors(new SqlitePragmaInterceptor(options.SqliteSynchronous, cacheKiB), new SqliteStatementCache());
                b.ReplaceService<IQueryCompilationContextFactory, QueriesCompiledOnce>();
            }
            b.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
            b.AddInterceptors(new Audit.JournalAuditInterceptor(), new ReferenceChangesInterceptor());
            // Migrations are hand-written without a model snapshot; MigratedSchemaTests proves they match the model.
            b.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        }
        void Configure(DbContextOptionsBuilder b) => ConfigureFor(b, options.ResolvedConnectionString, null);
        // Pooled: a context is reset and reused instead of built for every request or approval (building one resolved
        // a dozen EF services; it was a tenth of the CPU of an approval).
        services.AddPooledDbContextFactory<ThiDuaDbContext>(Configure);
        services.AddSingleton<SqliteKeptConnections>();
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<ThiDuaDbContext>>().CreateDbContext();
            // One open SQLite connection per pooled context, kept from one scope to the next (see SqliteKeptConnections).
            // PostgreSQL connections are pooled by Npgsql and cheap to open.
            if (!options.IsPostgres)
                sp.GetRequiredService<SqliteKeptConnections>().Attach(db);
            return db;
        });
        if (!options.IsPostgres && options.SearchCacheMiB > 0)
        {
            // Unpooled: a search connection closed for good must not return, with its large cache, to Microsoft.Data.Sqlite's pool.
            var searchConnection = new SqliteConnectionStringBuilder(options.ResolvedConnectionString) { Pooling = false }.ToString();
            services.AddSingleton(sp =>
            {
                var search = new DbContextOptionsBuilder<ThiDuaDbContext>().UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
                ConfigureFor(search, searchConnection, options.SearchCacheMiB * 1024);
                var searchOptions = search.Options;
                return new SqliteSearchContexts(() => new ThiDuaDbContext(searchOptions));
            });
        }
        // Keys in the shared database: a cookie issued by one web node is read by every other.
        services.AddDataProtection().SetApplicationName("ThiDua");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new DataProtectionKeyStore(options));

        services.AddSingleton<CalendarProvider>();
        services.AddSingleton<IWorkingCalendar>(sp => sp.GetRequiredService<CalendarProvider>());
        services.AddSingleton<OrgTree>();
        services.AddSingleton<DefinitionStore>();
        services.AddScoped<IDefinitionProvider, ScopedDefinitions>();
        services.AddSingleton(ActivityRegistry.Default);
        services.AddScoped<IOrganizationDirectory, OrganizationDirectory>();
        services.AddScoped(sp => new WorkflowServices(
            sp.GetRequiredService<IDefinitionProvider>(), sp.GetRequiredService<IOrganizationDirectory>(), sp.GetRequiredService<IWorkingCalendar>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ActivityRegistry>()));
        services.AddScoped<WorkflowRuntime>();
        services.AddScoped<EfWorkflowSession>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<DossierService>();
        services.AddScoped<DossierQueries>();
        services.AddSingleton<TrigramStatistics>();
        services.AddScoped<DashboardQueries>();
        services.AddScoped<TaskService>();
        services.AddScoped<AttachmentService>();
        services.AddScoped<DossierImportService>();
        services.AddScoped<WorkflowFileImporter>();
        services.AddScoped<DatabaseInitializer>();
        services.AddSingleton<DatabaseStartup>();
        services.AddSingleton<DemoDossiers>();

        services.AddSingleton<DueTimerProcessor>();
        services.AddScoped<OutboxWriter>();
        services.AddScoped<Audit.AuditLog>();
        services.AddSingleton<Audit.AuditChain>();
        services.AddHostedService<Audit.AuditSealerService>();
        services.AddScoped<PeriodEndRunner>();
        services.AddScoped<EscalationRunner>();
        services.AddScoped<MovementService>();
        services.AddSingleton<ScheduleSynchronizer>();
        AddScheduler(services, configuration, options);
        return services;
    }

    /// <summary>Quartz on the application's own database, its tables created on first start.</summary>
    private static void AddScheduler(IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var section = configuration.GetSection("Scheduling");
        services.Configure<Scheduling.SchedulingOptions>(section);
        var scheduling = section.Get<Scheduling.SchedulingOptions>() ?? new Scheduling.SchedulingOptions();
        if (!scheduling.Enabled)
            return;
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "ThiDua");
            q.UsePersistentStore(s =>
            {
                if (database.IsPostgres)
                {
                    s.UsePostgres(database.ResolvedConnectionString);
                    // Several nodes on one database share the schedule; a job whose node dies is recovered by another.
                    if (scheduling.Clustered)
                        s.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(5));
                }
                else
                    s.UseSqlite(database.ResolvedConnectionString);
                s.ProvisionSchema();
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<SchedulerStartup>();
    }

    private static string ResolveConnectionString(DatabaseOptions options, string contentRoot)
    {
        if (options.IsPostgres)
            return options.ConnectionString;
        if (!options.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite or Postgres.");
        var cs = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (!Path.IsPathRooted(cs.DataSource) && cs.DataSource != ":memory:")
            cs.DataSource = Path.Combine(contentRoot, cs.DataSource);
        if (cs.DefaultTimeout < 30)
            cs.DefaultTimeout = 30;
        // Every scope opens its connection when it is created (below), before anything could create the folder.
        if (cs.DataSource != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(cs.DataSource)) is { Length: > 0 } dir)
            Directory.CreateDirectory(dir);
        return cs.ToString();
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}
