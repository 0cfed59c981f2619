using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ThiDua.Infrastructure.Engine;

namespace ThiDua.Infrastructure.Persistence.Configurations;

internal sealed class DraftConfiguration : IEntityTypeConfiguration<WorkflowDraft>
{
    public void Configure(EntityTypeBuilder<WorkflowDraft> b)
    {
        b.ToTable("WorkflowDrafts");
        b.HasKey(x => x.DefinitionId);
        b.Property(x => x.DefinitionId).HasMaxLength(100);
        b.Property(x => x.UpdatedBy).HasMaxLength(200);
    }
}
