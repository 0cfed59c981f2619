using System.Data.Common;
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
/// rows a save holds is known only before it (afterwards they are all unchanged), so the save is marked then, and the
/// cache emptied once it has saved, failed or been cancelled, and again when the caller's own transaction around it
/// ends: until that commits, another connection still reads the old rows and may have kept them. The group commit,
/// which writes without SaveChanges, empties it itself (<see cref="Touches"/>).
/// </summary>
internal sealed class ReferenceChangesInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly HashSet<Type> Kept = [typeof(AwardForm), typeof(Movement), typeof(AppUser), typeof(UserRole), typeof(WorkflowDefinitionVersion)];

    /// <summary>What the cache keeps of a person; a sign-in's count of failed attempts is not worth emptying it for.</summary>
    private static readonly HashSet<string> KeptOfUser = [nameof(AppUser.DisplayName), nameof(AppUser.Email), nameof(AppUser.IsActive)];

    private readonly ConditionalWeakTable<DbContext, object> _marked = [];

    /// <summary>Whether the context's pending changes (changes detected) add, change or delete a row the cache keeps values of.</summary>
    public static bool Touches(DbContext context)
    {
        var detect = context.ChangeTracker.AutoDetectChangesEnabled;
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in context.ChangeTracker.Entries())
            {
                if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || !Kept.Contains(entry.Metadata.ClrType))
                    continue;
                if (entry.State == EntityState.Modified && entry.Entity is AppUser && !entry.Properties.Any(p => p.IsModified && KeptOfUser.Contains(p.Metadata.Name)))
                    continue;
                return true;
            }
            return false;
        }
        finally
        {
            context.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

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
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Saved(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context);

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Ended(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context);

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Ended(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Ended(eventData.Context);

    Task IDbTransactionInterceptor.TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken)
    {
        Ended(eventData.Context);
        return Task.CompletedTask;
    }

    private void Mark(DbContext? context)
    {
        if (context is null)
            return;
        // Interceptors run before SaveChanges detects the changes of the entities it tracks by snapshot.
        if (context.ChangeTracker.AutoDetectChangesEnabled)
            context.ChangeTracker.DetectChanges();
        if (Touches(context))
            _marked.AddOrUpdate(context, context);
    }

    /// <summary>Empties the cache after a marked save; a save inside the caller's transaction stays marked until it ends.</summary>
    private void Saved(DbContext? context)
    {
        if (context is null || !_marked.TryGetValue(context, out _))
            return;
        ReferenceCache.Clear(context);
        if (context.Database.CurrentTransaction is null)
            _marked.Remove(context);
    }

    private void Ended(DbContext? context)
    {
        if (context is not null && _marked.Remove(context))
            ReferenceCache.Clear(context);
    }
}
