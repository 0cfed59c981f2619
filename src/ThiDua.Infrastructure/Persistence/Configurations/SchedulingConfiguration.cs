using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ThiDua.Infrastructure.Calendar;
using ThiDua.Infrastructure.Movements;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Scheduling;

namespace ThiDua.Infrastructure.Persistence.Configurations;

internal sealed class MovementPhaseConfiguration : IEntityTypeConfiguration<MovementPhase>
{
    public void Configure(EntityTypeBuilder<MovementPhase> b)
    {
        b.ToTable("MovementPhases");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.ReviewKind).HasMaxLength(20);
        b.HasIndex(x => x.MovementId);
        b.HasOne<Movement>().WithMany().HasForeignKey(x => x.MovementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MovementParticipantConfiguration : IEntityTypeConfiguration<MovementParticipant>
{
    public void Configure(EntityTypeBuilder<MovementParticipant> b)
    {
        b.ToTable("MovementParticipants");
        b.HasKey(x => new { x.MovementId, x.OrgId });
        b.HasOne<Movement>().WithMany().HasForeignKey(x => x.MovementId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrgId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NominationRoundConfiguration : IEntityTypeConfiguration<NominationRound>
{
    public void Configure(EntityTypeBuilder<NominationRound> b)
    {
        b.ToTable("NominationRounds");
        // One round per unit per phase, enforced by the database so two schedulers cannot open it twice.
        b.HasIndex(x => new { x.PhaseId, x.UnitOrgId }).IsUnique();
        b.HasIndex(x => new { x.MovementId, x.UnitOrgId });
        b.HasOne<MovementPhase>().WithMany().HasForeignKey(x => x.PhaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.UnitOrgId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PhaseCompilationConfiguration : IEntityTypeConfiguration<PhaseCompilation>
{
    public void Configure(EntityTypeBuilder<PhaseCompilation> b)
    {
        b.ToTable("PhaseCompilations");
        b.HasKey(x => x.PhaseId);
        b.HasOne<MovementPhase>().WithOne().HasForeignKey<PhaseCompilation>(x => x.PhaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScheduledStepLogConfiguration : IEntityTypeConfiguration<ScheduledStepLog>
{
    public void Configure(EntityTypeBuilder<ScheduledStepLog> b)
    {
        b.ToTable("ScheduledSteps");
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(200);
        b.Property(x => x.Detail).HasMaxLength(2000);
    }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.ToTable("JobRuns");
        b.Property(x => x.JobKey).HasMaxLength(200);
        b.Property(x => x.JobName).HasMaxLength(300);
        b.Property(x => x.TriggeredBy).HasMaxLength(50);
        b.Property(x => x.Summary).HasMaxLength(2000);
        b.Property(x => x.Error).HasMaxLength(4000);
        b.HasIndex(x => x.StartedAt);
        b.HasIndex(x => new { x.JobKey, x.StartedAt });
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("CalendarDays");
        b.HasKey(x => x.Date);
        b.Property(x => x.Reason).HasMaxLength(300);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<Audit.AuditEntry>
{
    public void Configure(EntityTypeBuilder<Audit.AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(x => x.ActorName).HasMaxLength(200);
        b.Property(x => x.Action).HasMaxLength(100);
        b.Property(x => x.Subject).HasMaxLength(200);
        b.Property(x => x.Detail).HasMaxLength(2000);
        b.Property(x => x.PrevHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => x.Seq).IsUnique();
        b.HasIndex(x => x.At);
    }
}
