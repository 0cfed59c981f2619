using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Seeding;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>Brings the database to the current schema and loads reference data, chains and (on an empty database) demo data.</summary>
/// <remarks>A step added here needs its "nothing to do" test in <see cref="DatabaseAtRest"/>, or a restart skips it.</remarks>
public sealed class DatabaseInitializer(ThiDuaDbContext db, WorkflowFileImporter importer, DemoDossiers demoDossiers, TimeProvider time, ILogger<DatabaseInitializer> log)
{
    public async Task InitializeAsync(string workflowsFolder, bool seedDemo, CancellationToken ct)
    {
        if (!await AllMigrationsAppliedAsync(ct))
            await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync(DatabaseAtRest.SqliteCheckpoint, ct);

        await AuthorityTableSeeder.SeedAsync(db, AwardFormsPath(workflowsFolder), ct);
        await importer.ImportAsync(workflowsFolder, ct);

        if (seedDemo && !await db.Users.AnyAsync(ct))
        {
            log.LogInformation("Empty database: adding demo organizations, accounts and dossiers");
            DemoDirectory.Add(db, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await demoDossiers.AddAsync(ct);
        }
    }

    public static string AwardFormsPath(string workflowsFolder) => Path.Combine(workflowsFolder, "authority", "award-forms.json");

    /// <summary>
    /// One plain read of the history table. On the usual start there is nothing to apply, and EF's own check builds a
    /// model of the history table with the full conventions first, half a second of a start-up that should take one.
    /// </summary>
    private async Task<bool> AllMigrationsAppliedAsync(CancellationToken ct)
    {
        var known = db.GetService<IMigrationsAssembly>().Migrations.Keys.ToList();
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
            await db.Database.OpenConnectionAsync(ct);
        return await DatabaseAtRest.AllMigrationsAppliedAsync(db.Database.GetDbConnection(), known, ct);
    }
}
