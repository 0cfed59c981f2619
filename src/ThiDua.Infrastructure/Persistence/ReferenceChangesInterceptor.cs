using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Movements;
using ThiDua.Infrastructure.Organizations;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Empties the <see cref="ReferenceCache"/> after a save that added, changed or deleted a row it keeps values of. Which
/// rows a save holds is known only before it (afterwards they are all unchanged), so the save is marked then and the
/// cache emptied once it has saved, or failed.
/// </summary>
internal sealed class ReferenceChangesInterceptor : SaveChangesInterceptor
{
    private static readonly HashSet<Type> Kept = [typeof(AwardForm), typeof(Movement), typeof(AppUser), typeof(UserRole), typeof(WorkflowDefinitionVersion)];

    private readonly ConditionalWeakTable<DbContext, object> _marked = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Clear(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Clear(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Clear(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Clear(eventData.Context);
        return Task.CompletedTask;
    }

    private void Mark(DbContext? context)
    {
        if (context is null)
            return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if ((entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) && Kept.Contains(entry.Metadata.ClrType))
            {
                _marked.AddOrUpdate(context, context);
                return;
            }
        }
    }

    private void Clear(DbContext? context)
    {
        if (context is not null && _marked.Remove(context))
            ReferenceCache.Clear(context);
    }
}
