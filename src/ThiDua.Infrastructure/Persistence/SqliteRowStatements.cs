using System.Collections.Concurrent;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using ThiDua.Infrastructure.Audit;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Writes a save's statements for the group's write turn straight from the change tracker, for saves that only add and
/// change plain rows (what a workflow run does), instead of running EF Core's update pipeline to record them
/// (<see cref="SqliteSaveRecording"/>).
/// <para>
/// That pipeline sorts the commands, builds a modification command with a column list per row, and produces the SQL
/// each time: a fifth of an approval's CPU for thirteen rows whose statements have the same few shapes every time. Here
/// the shapes are built once per table (and per set of changed columns), and each row only makes its parameters, with
/// the same type mappings EF Core would use. Anything else (a deleted row, a key the database generates, a table
/// shared by two entity types, an interceptor of saves other than the audit copy) returns null and goes through
/// EF Core's own pipeline.
/// </para>
/// </summary>
public static class SqliteRowStatements
{
    private static readonly ConcurrentDictionary<IEntityType, Table?> Tables = new();
    private static readonly ConcurrentDictionary<IModel, IReadOnlyDictionary<IEntityType, int>> InsertOrders = new();

    /// <summary>
    /// The statements of the context's pending changes and of the <paramref name="untracked"/> rows to add (rows only
    /// ever inserted, kept out of the change tracker: see <see cref="Untracked"/>), or null when they need EF Core's
    /// update pipeline.
    /// </summary>
    internal static List<RecordedStatement>? TryWrite(DbContext db, IReadOnlyList<object> untracked)
    {
        // Decided before the audit copies are added: a save handed on to EF Core must not have them twice.
        if (!Handles(db) || Untracked(db, untracked.Concat(JournalAuditInterceptor.CopiesOf(untracked.OfType<JournalEntry>()))) is not { } rows)
            return null;
        // What EF Core's SavingChanges would have added first: the audit copies of the journal's decisions.
        JournalAuditInterceptor.CopyDecisions(db);

        var order = InsertOrders.GetOrAdd(db.Model, InsertOrderOf);
        var inserts = new List<(int Order, Func<RecordedStatement> Write)>();
        var updates = new List<(EntityEntry Entry, Table Table)>();
        foreach (var entry in Pending(db)!)
        {
            var table = Tables.GetOrAdd(entry.Metadata, Table.Of)!;
            if (entry.State == EntityState.Added)
                inserts.Add((order[entry.Metadata], () => table.Insert(entry)));
            else
                updates.Add((entry, table));
        }
        foreach (var (type, table, row) in rows)
            inserts.Add((order[type], () => table.Insert(row)));
        var statements = new List<RecordedStatement>(inserts.Count + updates.Count);
        // OrderBy is stable: the rows of one table keep the order they were added in.
        foreach (var (_, write) in inserts.OrderBy(i => i.Order))
            statements.Add(write());
        // After the inserts: an update may point at a row added in the same save.
        foreach (var (entry, table) in updates)
            if (table.Update(entry) is { } update)
                statements.Add(update);
        return statements;
    }

    /// <summary>Whether the context's pending changes (changes detected) are written here rather than by EF Core's pipeline.</summary>
    public static bool Handles(DbContext db) =>
        OnlyKnownSaveInterceptors(db)
        && db.Model.FindEntityType(typeof(AuditEntry)) is { } audit && Tables.GetOrAdd(audit, Table.Of) is not null
        && Pending(db) is { } pending && Writable(pending);

    /// <summary>The added and modified entries; null when one is deleted.</summary>
    private static List<EntityEntry>? Pending(DbContext db)
    {
        var pending = new List<EntityEntry>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Deleted)
                return null;
            if (entry.State is EntityState.Added or EntityState.Modified)
                pending.Add(entry);
        }
        return pending;
    }

    /// <summary>
    /// The rows with their types and tables, or null when one cannot be written without ever being tracked: a journal
    /// entry or an email is added once and never changed by the run that adds it, so tracking it (attaching,
    /// snapshotting, detecting changes, accepting them) is work for nothing; it was about a tenth of an approval's CPU.
    /// Each needs its key set and no shadow columns, whose values only an entry holds.
    /// </summary>
    private static List<(IEntityType Type, Table Table, object Row)>? Untracked(DbContext db, IEnumerable<object> rows)
    {
        var resolved = new List<(IEntityType, Table, object)>();
        foreach (var row in rows)
        {
            if (db.Model.FindEntityType(row.GetType()) is not { } type || Tables.GetOrAdd(type, Table.Of) is not { HasShadowColumns: false } table
                || type.FindPrimaryKey()!.Properties.Any(k => k.GetGetter().HasSentinelValueUsingContainingEntity(row)))
                return null;
            resolved.Add((type, table, row));
        }
        return resolved;
    }

    private static bool Writable(List<EntityEntry> pending)
    {
        foreach (var entry in pending)
        {
            if (Tables.GetOrAdd(entry.Metadata, Table.Of) is not { } table)
                return false;
            if (entry.State == EntityState.Added && table.Properties.Any(c => entry.Property(c.Property).IsTemporary))
                return false;
        }
        // Rows of a type that refers to itself would need ordering among themselves.
        return !pending.Where(e => e.State == EntityState.Added).GroupBy(e => e.Metadata)
            .Any(g => g.Count() > 1 && g.Key.GetForeignKeys().Any(fk => fk.PrincipalEntityType == g.Key));
    }

    /// <summary>
    /// Saving-changes interceptors would be skipped here, so saves go through EF Core when any other is configured than
    /// the audit copy (done here too) and the reference cache's (whose emptying the group commit does itself).
    /// </summary>
    private static bool OnlyKnownSaveInterceptors(DbContext db) =>
        ContextInterceptors.All<ISaveChangesInterceptor>(db).All(i => i is JournalAuditInterceptor or ReferenceChangesInterceptor);

    /// <summary>Principal tables before the tables whose foreign keys refer to them, as the database checks them row by row.</summary>
    private static IReadOnlyDictionary<IEntityType, int> InsertOrderOf(IModel model)
    {
        var order = new Dictionary<IEntityType, int>();
        int Depth(IEntityType type, HashSet<IEntityType> path)
        {
            if (order.TryGetValue(type, out var known))
                return known;
            if (!path.Add(type))
                return 0;
            var depth = type.GetForeignKeys().Where(fk => fk.PrincipalEntityType != type)
                .Select(fk => Depth(fk.PrincipalEntityType, path) + 1).DefaultIfEmpty(0).Max();
            path.Remove(type);
            order[type] = depth;
            return depth;
        }
        foreach (var type in model.GetEntityTypes())
            Depth(type, []);
        return order;
    }

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping);

    /// <summary>How one entity type's rows are written; built once per type.</summary>
    private sealed class Table
    {
        // Only asked for new parameters (SqliteCommand.CreateParameter keeps no state), so one serves every thread.
        private static readonly SqliteCommand ParameterMaker = new();
        private readonly ConcurrentDictionary<string, string> _updateSql = new(StringComparer.Ordinal);
        private readonly string _name;
        private readonly string _insertSql;
        private readonly Column[] _keys;
        private readonly Column[] _tokens;

        private Table(string name, Column[] properties)
        {
            _name = name;
            Properties = properties;
            _keys = properties.Where(c => c.Property.IsPrimaryKey()).ToArray();
            _tokens = properties.Where(c => c.Property.IsConcurrencyToken && !c.Property.IsPrimaryKey()).ToArray();
            HasShadowColumns = properties.Any(c => c.Property.IsShadowProperty());
            _insertSql = $"INSERT INTO {Quote(name)} ({string.Join(", ", properties.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", properties.Select((_, i) => "@p" + i))});";
        }

        public Column[] Properties { get; }

        /// <summary>Some column has no property on the class: a row of this type can only be written from its entry.</summary>
        public bool HasShadowColumns { get; }

        /// <summary>Null for a type the plain statements cannot write: EF Core's pipeline handles it.</summary>
        public static Table? Of(IEntityType type)
        {
            var name = type.GetTableName();
            if (name is null || type.GetSchema() is not null || type.GetViewName() is not null || type.IsOwned()
                || type.GetComplexProperties().Any() || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
                || type.Model.GetEntityTypes().Any(other => other != type && other.GetTableName() == name))
                return null;
            var table = StoreObjectIdentifier.Table(name);
            var columns = new List<Column>();
            foreach (var property in type.GetProperties())
            {
                // Values the database makes (identity keys, defaults, computed columns) would have to be read back.
                var generatedByDatabase = property.ValueGenerated != ValueGenerated.Never
                    && !(property.IsPrimaryKey() && property.ClrType == typeof(Guid) && property.GetDefaultValueSql() is null);
                if (generatedByDatabase || property.GetComputedColumnSql() is not null || property.GetColumnName(table) is not { } column)
                    return null;
                columns.Add(new Column(property, column, (RelationalTypeMapping)property.GetTypeMapping()));
            }
            return new Table(name, columns.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray());
        }

        public RecordedStatement Insert(EntityEntry entry)
        {
            var values = entry.CurrentValues;
            var parameters = new SqliteParameter[Properties.Length];
            for (var i = 0; i < Properties.Length; i++)
                parameters[i] = Parameter(Properties[i], i, values[Properties[i].Property]);
            return new RecordedStatement(_insertSql, parameters, checksVersion: false);
        }

        /// <summary>A row that is not tracked: its values read from the object itself.</summary>
        public RecordedStatement Insert(object row)
        {
            var parameters = new SqliteParameter[Properties.Length];
            for (var i = 0; i < Properties.Length; i++)
                parameters[i] = Parameter(Properties[i], i, Properties[i].Property.GetGetter().GetClrValueUsingContainingEntity(row));
            return new RecordedStatement(_insertSql, parameters, checksVersion: false);
        }

        /// <summary>The changed columns, found by key and checked against the version read; null when nothing changed.</summary>
        public RecordedStatement? Update(EntityEntry entry)
        {
            var changed = Properties.Where(c => entry.Property(c.Property).IsModified).ToArray();
            if (changed.Length == 0)
                return null;
            var current = entry.CurrentValues;
            var original = entry.OriginalValues;
            var parameters = new List<SqliteParameter>(changed.Length + _keys.Length + _tokens.Length);
            foreach (var c in changed)
                parameters.Add(Parameter(c, parameters.Count, current[c.Property]));
            foreach (var c in _keys)
                parameters.Add(Parameter(c, parameters.Count, original[c.Property]));
            foreach (var c in _tokens)
                parameters.Add(Parameter(c, parameters.Count, original[c.Property]));
            var sql = _updateSql.GetOrAdd(string.Join(",", changed.Select(c => c.Name)), _ => UpdateSql(changed));
            return new RecordedStatement(sql, parameters.ToArray(), checksVersion: true);
        }

        private string UpdateSql(Column[] changed)
        {
            var sql = new StringBuilder("UPDATE ").Append(Quote(_name)).Append(" SET ");
            var n = 0;
            sql.AppendJoin(", ", changed.Select(c => $"{Quote(c.Name)} = @p{n++}"));
            sql.Append(" WHERE ").AppendJoin(" AND ", _keys.Concat(_tokens).Select(c => $"{Quote(c.Name)} = @p{n++}"));
            // Changes nothing when another writer changed the version first: the turn turns that into a concurrency error.
            // Without RETURNING, which SQLite runs as a trigger of the statement: a statement that may fire triggers and
            // fail halfway copies each page it changes into a statement journal first (about 3% of an approval's CPU,
            // bench/RESULTS.md item 59). The turn counts the rows the statement itself changed instead.
            return sql.Append(';').ToString();
        }

        /// <summary>The parameter EF Core would make for the column (its value converter and type applied).</summary>
        private static SqliteParameter Parameter(Column column, int index, object? value) =>
            (SqliteParameter)column.Mapping.CreateParameter(ParameterMaker, "@p" + index, value, column.Property.IsNullable);

        private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
    }
}
