using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// What every approval reads and people rarely change: award form and movement names, the latest published version of
/// a workflow, a person's name and address, who holds a role at an organization. Asked of the database, these were four
/// of an approval's ten queries and about a tenth of its CPU (bench/RESULTS.md, item 61).
/// <para>
/// Kept only on SQLite, where this process is the only writer: every save through EF Core that adds, changes or deletes
/// one of those rows empties the cache once it has saved, and again when the transaction around it ends
/// (<see cref="ReferenceChangesInterceptor"/>; the group commit after its COMMIT), so the next read sees the change. A
/// value loaded while such a save was under way goes into the generation it was read for, which that save replaces
/// once it is done. Whatever else changes the file (an operator's SQL) is seen within <see cref="Lifetime"/>. On
/// PostgreSQL several nodes write the same database, and none of them would hear of another's change: every read asks
/// the database, as before.
/// </para>
/// </summary>
internal sealed class ReferenceCache
{
    /// <summary>How long a value is kept at most, for changes made without going through this process.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private static readonly ConcurrentDictionary<string, ReferenceCache> PerDatabase = new(StringComparer.Ordinal);

    private Generation _current = new();

    /// <summary>The cache of the context's database, or null where values are not kept (PostgreSQL).</summary>
    public static ReferenceCache? Of(DbContext db) =>
        db.Database.OnSqlite() ? PerDatabase.GetOrAdd(db.Database.GetConnectionString() ?? "", static _ => new ReferenceCache()) : null;

    /// <summary>The value kept under the key, else loaded and kept. Keys of different kinds of value must not be equal.</summary>
    public static async ValueTask<T> GetAsync<T>(DbContext db, object key, Func<Task<T>> load)
    {
        if (Of(db) is not { } cache)
            return await load();
        var generation = cache.Current();
        if (generation.Values.TryGetValue(key, out var kept))
            return (T)kept!;
        var loaded = await load();
        generation.Values.TryAdd(key, loaded);
        return loaded;
    }

    /// <summary>Forgets every value: the next read of each asks the database.</summary>
    public void Clear() => Volatile.Write(ref _current, new Generation());

    /// <summary>Forgets the values of the context's database, if it keeps any.</summary>
    public static void Clear(DbContext db)
    {
        if (PerDatabase.TryGetValue(db.Database.GetConnectionString() ?? "", out var cache))
            cache.Clear();
    }

    private Generation Current()
    {
        var generation = Volatile.Read(ref _current);
        if (Stopwatch.GetElapsedTime(generation.Started) < Lifetime)
            return generation;
        Interlocked.CompareExchange(ref _current, new Generation(), generation);
        return Volatile.Read(ref _current);
    }

    private sealed class Generation
    {
        public long Started { get; } = Stopwatch.GetTimestamp();
        public ConcurrentDictionary<object, object?> Values { get; } = new();
    }
}
