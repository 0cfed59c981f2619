using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Attachments;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Infrastructure.Seeding;
using ThiDua.Infrastructure.Tasks;
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

        void Configure(DbContextOptionsBuilder b)
        {
            if (!options.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite.");
            var cs = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (!Path.IsPathRooted(cs.DataSource) && cs.DataSource != ":memory:")
                cs.DataSource = Path.Combine(contentRoot, cs.DataSource);
            if (cs.DefaultTimeout < 30)
                cs.DefaultTimeout = 30;
            b.UseSqlite(cs.ToString());
            b.AddInterceptors(new SqlitePragmaInterceptor(options.SqliteSynchronous));
            // Migrations are hand-written without a model snapshot; MigratedSchemaTests proves they match the model.
            b.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        }
        services.AddDbContextFactory<ThiDuaDbContext>(Configure);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ThiDuaDbContext>>().CreateDbContext());

        services.AddSingleton<IWorkingCalendar>(_ => new WorkingCalendar());
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

        services.Configure<TimerOptions>(configuration.GetSection("Workflows:Timers"));
        services.AddSingleton<DueTimerProcessor>();
        services.AddHostedService<DueTimerService>();
        return services;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}
