using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Seeding;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>Brings the database to the current schema and loads reference data, chains and (on an empty database) demo data.</summary>
public sealed class DatabaseInitializer(ThiDuaDbContext db, WorkflowFileImporter importer, DemoDossiers demoDossiers, TimeProvider time, ILogger<DatabaseInitializer> log)
{
    public async Task InitializeAsync(string workflowsFolder, bool seedDemo, CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);

        await AuthorityTableSeeder.SeedAsync(db, Path.Combine(workflowsFolder, "authority", "award-forms.json"), ct);
        await importer.ImportAsync(workflowsFolder, ct);

        if (seedDemo && !await db.Users.AnyAsync(ct))
        {
            log.LogInformation("Empty database: adding demo organizations, accounts and dossiers");
            DemoDirectory.Add(db, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await demoDossiers.AddAsync(ct);
        }
    }
}
