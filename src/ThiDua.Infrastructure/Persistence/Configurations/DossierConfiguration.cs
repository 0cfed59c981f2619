using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Movements;
using ThiDua.Infrastructure.Organizations;

namespace ThiDua.Infrastructure.Persistence.Configurations;

internal sealed class DossierConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> b)
    {
        b.ToTable("Dossiers");
        b.Property(x => x.Code).HasMaxLength(30);
        b.Property(x => x.NomineeKind).HasMaxLength(20);
        b.Property(x => x.NomineeName).HasMaxLength(300);
        b.Property(x => x.NomineeSearch).HasMaxLength(300);
        b.Property(x => x.NomineeTitle).HasMaxLength(300);
        b.Property(x => x.AwardFormCode).HasMaxLength(100);
        b.Property(x => x.Period).HasMaxLength(50);
        b.Property(x => x.Summary).HasMaxLength(20_000);
        b.Property(x => x.State).HasMaxLength(20);
        b.Property(x => x.StatusLabel).HasMaxLength(300);
        b.Property(x => x.Level).HasMaxLength(50);
        b.Property(x => x.Result).HasMaxLength(50);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.Code).IsUnique();
        // A unit's (or an organization subtree's) dossiers in a state, with the date and id the board's count and page
        // need: read from the index alone, one range per unit, instead of a dossier row per entry.
        b.HasIndex(x => new { x.UnitOrgId, x.State, x.UpdatedAt, x.Id });
        // The board's date-ordered indexes end with the id (and what a filter needs), so counting the first thousand
        // and skipping to page 50 walk the index alone instead of reading a dossier row per entry.
        // By state newest first, and an organization subtree within it (the unit is tested in the index).
        b.HasIndex(x => new { x.State, x.UpdatedAt, x.UnitOrgId, x.Id });
        // Board filter by level and state, newest first, read in index order. The due time at the end makes the
        // overview's open dossiers per level, and how many of them are overdue, a read of the index alone.
        b.HasIndex(x => new { x.State, x.Level, x.UpdatedAt, x.Id, x.EarliestDueAt });
        // The tracking board lists newest first: with this index a page is read in order instead of sorting every row.
        b.HasIndex(x => new { x.UpdatedAt, x.Id });
        b.HasIndex(x => x.NomineeSearch);
        // "Overdue" newest first: walked in date order and tested for the due time in the index, the newest overdue
        // page is found after a few entries instead of sorting every overdue dossier. Only dossiers with an open due
        // task are in it.
        b.HasIndex(x => new { x.UpdatedAt, x.EarliestDueAt, x.Id }).HasFilter("\"EarliestDueAt\" IS NOT NULL");
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.UnitOrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AwardForm>().WithMany().HasForeignKey(x => x.AwardFormCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Movement>().WithMany().HasForeignKey(x => x.MovementId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DossierAccessConfiguration : IEntityTypeConfiguration<DossierAccess>
{
    public void Configure(EntityTypeBuilder<DossierAccess> b)
    {
        b.ToTable("DossierAccess");
        // Org first: the question is always "which dossiers may this organization see".
        b.HasKey(x => new { x.OrgId, x.DossierId });
        b.HasIndex(x => x.DossierId);
        b.Property(x => x.State).HasMaxLength(20);
        // An organization's dossiers newest first, all or in one state, and its overdue ones: each a range of one
        // index that holds the dossier id too, so a page or the first thousand are read without visiting any row.
        b.HasIndex(x => new { x.OrgId, x.UpdatedAt, x.DossierId });
        b.HasIndex(x => new { x.OrgId, x.State, x.UpdatedAt, x.DossierId });
        b.HasIndex(x => new { x.OrgId, x.UpdatedAt, x.EarliestDueAt, x.DossierId }).HasFilter("\"EarliestDueAt\" IS NOT NULL");
        b.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrgId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AwardFormConfiguration : IEntityTypeConfiguration<AwardForm>
{
    public void Configure(EntityTypeBuilder<AwardForm> b)
    {
        b.ToTable("AwardForms");
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(100);
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.DecidedBy).HasMaxLength(300);
        b.Property(x => x.DecidingLevel).HasMaxLength(20);
        b.Property(x => x.DefinitionId).HasMaxLength(100);
        b.Property(x => x.NomineeKinds).HasMaxLength(100);
    }
}

internal sealed class MovementConfiguration : IEntityTypeConfiguration<Movement>
{
    public void Configure(EntityTypeBuilder<Movement> b)
    {
        b.ToTable("Movements");
        b.Property(x => x.Code).HasMaxLength(100);
        b.Property(x => x.Name).HasMaxLength(500);
        b.Property(x => x.PlanReference).HasMaxLength(300);
        b.Property(x => x.AllowedAwardForms).HasMaxLength(1000);
        b.Property(x => x.PlanNumber).HasMaxLength(100);
        b.Property(x => x.SemiAnnualReportDue).HasMaxLength(5);
        b.Property(x => x.AnnualReportDue).HasMaxLength(5);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OwnerOrgId).OnDelete(DeleteBehavior.Restrict);
    }
}
