using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        services.AddSingleton(options);
        services.TryAddTimeProvider();
        if (!options.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite.");
        var cs = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (!Path.IsPathRooted(cs.DataSource) && cs.DataSource != ":memory:")
            cs.DataSource = Path.Combine(contentRoot, cs.DataSource);
        if (cs.DefaultTimeout < 30)
            cs.DefaultTimeout = 30;
        options.ResolvedConnectionString = cs.ToString();

        void Configure(DbContextOptionsBuilder b)
        {
            b.UseSqlite(options.ResolvedConnectionString);
            b.AddInterceptors(new SqlitePragmaInterceptor(options.SqliteSynchronous));
            // Migrations are hand-written without a model snapshot; MigratedSchemaTests proves they match the model.
            b.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        }
        services.AddDbContextFactory<ThiDuaDbContext>(Configure);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ThiDuaDbContext>>().CreateDbContext());

        services.AddSingleton<CalendarProvider>();
        services.AddSingleton<IWorkingCalendar>(sp => sp.GetRequiredService<CalendarProvider>());
        services.AddSingleton<OrgTree>();
        services.AddSingleton<DefinitionStore>();
        services.AddSingleton<IDefinitionProvider>(sp => sp.GetRequiredService<DefinitionStore>());
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
        services.AddScoped<DashboardQueries>();
        services.AddScoped<TaskService>();
        services.AddScoped<AttachmentService>();
        services.AddScoped<DossierImportService>();
        services.AddScoped<WorkflowFileImporter>();
        services.AddScoped<DatabaseInitializer>();
        services.AddSingleton<DemoDossiers>();

        services.AddSingleton<DueTimerProcessor>();
        services.AddScoped<OutboxWriter>();
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
                s.UseSqlite(database.ResolvedConnectionString);
                s.ProvisionSchema();
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<SchedulerStartup>();
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}
