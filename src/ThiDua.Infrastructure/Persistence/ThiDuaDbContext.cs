using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Attachments;
using ThiDua.Infrastructure.Calendar;
using ThiDua.Infrastructure.Scheduling;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Movements;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Engine;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Persistence;

public sealed class ThiDuaDbContext(DbContextOptions<ThiDuaDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<AppUser> Users => Set<AppUser>();
    public DbSet<UserRole> UserRoles => Set<UserRole>();
    public DbSet<Dossier> Dossiers => Set<Dossier>();
    public DbSet<DossierAccess> DossierAccess => Set<DossierAccess>();
    public DbSet<AwardForm> AwardForms => Set<AwardForm>();
    public DbSet<Movement> Movements => Set<Movement>();
    public DbSet<WorkflowDefinitionVersion> DefinitionVersions => Set<WorkflowDefinitionVersion>();
    public DbSet<WorkflowDraft> Drafts => Set<WorkflowDraft>();
    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();
    public DbSet<VoteBallot> Ballots => Set<VoteBallot>();
    public DbSet<JournalEntry> Journal => Set<JournalEntry>();
    public DbSet<DossierAttachment> Attachments => Set<DossierAttachment>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();
    public DbSet<MovementPhase> MovementPhases => Set<MovementPhase>();
    public DbSet<MovementParticipant> MovementParticipants => Set<MovementParticipant>();
    public DbSet<NominationRound> Rounds => Set<NominationRound>();
    public DbSet<PhaseCompilation> Compilations => Set<PhaseCompilation>();
    public DbSet<ScheduledStepLog> ScheduledSteps => Set<ScheduledStepLog>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <summary>
    /// Set while this context's SaveChanges is recorded for a group's SQLite write turn: its commands are then written
    /// down, not run (<see cref="SqliteStatementCache"/>).
    /// </summary>
    internal SqliteSaveRecording? SaveRecording { get; set; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ThiDuaDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            // The board's substring search (LIKE '%…%') is served by trigram indexes. SQLite gets the same from an
            // FTS5 table that EF cannot describe (migration DossierSearchIndex), so these exist for PostgreSQL only.
            modelBuilder.HasPostgresExtension("pg_trgm");
            modelBuilder.Entity<Dossier>(b =>
            {
                b.HasIndex(x => x.NomineeSearch, "IX_Dossiers_NomineeSearch_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
                b.HasIndex(x => x.Code, "IX_Dossiers_Code_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
            });
        }
    }
}
