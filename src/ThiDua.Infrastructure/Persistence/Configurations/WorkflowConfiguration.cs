using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Engine;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Persistence.Configurations;

internal sealed class DefinitionVersionConfiguration : IEntityTypeConfiguration<WorkflowDefinitionVersion>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionVersion> b)
    {
        b.ToTable("DefinitionVersions");
        b.Property(x => x.DefinitionId).HasMaxLength(100);
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.SourceHash).HasMaxLength(64);
        b.Property(x => x.PublishedBy).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.HasIndex(x => new { x.DefinitionId, x.Version }).IsUnique();
    }
}

internal sealed class InstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> b)
    {
        b.ToTable("WorkflowInstances");
        b.Property(x => x.DefinitionId).HasMaxLength(100);
        b.Property(x => x.Result).HasMaxLength(50);
        b.Property(x => x.StatusLabel).HasMaxLength(300);
        b.Property(x => x.Level).HasMaxLength(50);
        b.Property(x => x.FaultMessage).HasMaxLength(2000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.DossierId);
        b.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<Bookmark>
{
    /// <summary>The filter of the indexes of open bookmarks (BookmarkStatus.Open), in the SQL of both providers.</summary>
    public const string OpenOnly = "\"Status\" = 0";

    public void Configure(EntityTypeBuilder<Bookmark> b)
    {
        b.ToTable("Bookmarks");
        b.Ignore(x => x.Outcomes);
        b.Ignore(x => x.OutcomesNeedingComment);
        b.Property(x => x.NodeId).HasMaxLength(100);
        b.Property(x => x.NodeName).HasMaxLength(300);
        b.Property(x => x.AssigneeRole).HasMaxLength(50);
        b.Property(x => x.AssigneeOrgName).HasMaxLength(300);
        b.Property(x => x.AllowedOutcomes).HasMaxLength(500);
        b.Property(x => x.CommentRequiredFor).HasMaxLength(500);
        b.Property(x => x.CompletedByName).HasMaxLength(200);
        b.Property(x => x.Outcome).HasMaxLength(50);
        b.Property(x => x.Comment).HasMaxLength(4000);
        b.Property(x => x.IdempotencyKey).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
        // Inboxes: open tasks of a role at an organization, or of one person. Each also holds what the inbox
        // filters, sorts and pages by (kind, due, created, id), so a page of a whole-country office's thousands of
        // tasks is chosen from the index alone and only its own rows are read. Only open bookmarks are indexed
        // (every query of these indexes asks for Status = 0): a completed task leaves them instead of moving to the
        // completed part, which no query reads (bench/RESULTS.md, item 60).
        b.HasIndex(x => new { x.Status, x.AssigneeOrgId, x.AssigneeRole, x.AssigneeUserId, x.Kind, x.DueAt, x.CreatedAt, x.Id }, "IX_Bookmarks_Inbox_Role")
            .HasFilter(OpenOnly);
        b.HasIndex(x => new { x.Status, x.AssigneeUserId, x.Kind, x.DueAt, x.CreatedAt, x.Id }, "IX_Bookmarks_Inbox_User").HasFilter(OpenOnly);
        b.HasIndex(x => new { x.InstanceId, x.Status });
        b.HasIndex(x => new { x.DossierId, x.Status });
        // The timer poller and the escalation ask for open timers and tasks only.
        b.HasIndex(x => new { x.Kind, x.Status, x.ResumeAt }).HasFilter(OpenOnly);
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BallotConfiguration : IEntityTypeConfiguration<VoteBallot>
{
    public void Configure(EntityTypeBuilder<VoteBallot> b)
    {
        b.ToTable("VoteBallots");
        // One ballot per member per vote, enforced by the database as well as by the runtime.
        b.HasIndex(x => new { x.BookmarkId, x.UserId }).IsUnique();
        b.HasOne<Bookmark>().WithMany().HasForeignKey(x => x.BookmarkId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JournalConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> b)
    {
        b.ToTable("Journal");
        b.Property(x => x.Kind).HasMaxLength(30);
        b.Property(x => x.NodeId).HasMaxLength(100);
        b.Property(x => x.NodeName).HasMaxLength(300);
        b.Property(x => x.ActorName).HasMaxLength(200);
        b.Property(x => x.OrgName).HasMaxLength(300);
        b.Property(x => x.Outcome).HasMaxLength(50);
        b.Property(x => x.Comment).HasMaxLength(4000);
        b.Property(x => x.Data).HasMaxLength(4000);
        // A dossier's history is read by dossier; nothing reads the journal by workflow instance.
        b.HasIndex(x => new { x.DossierId, x.Sequence });
    }
}

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.Property(x => x.Template).HasMaxLength(100);
        b.Property(x => x.ToAddress).HasMaxLength(200);
        b.Property(x => x.ToName).HasMaxLength(200);
        b.Property(x => x.Subject).HasMaxLength(500);
        b.Property(x => x.LastError).HasMaxLength(2000);
        b.Property(x => x.Version).IsConcurrencyToken();
        // The dispatcher reads by status and due time; nothing reads the outbox by dossier.
        b.HasIndex(x => new { x.Status, x.NextAttemptAt });
    }
}
