using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace ThiDua.Infrastructure.Persistence;

#pragma warning disable EF1001 // MigrationsAssembly is internal API; subclassing it is the documented way to keep one migration set per provider in one assembly.

/// <summary>
/// Shows EF only the migrations of the provider in use: SQLite migrations live in the ".Sqlite" namespace,
/// PostgreSQL ones in ".Postgres", each hand-written for its provider's types.
/// </summary>
public sealed class ProviderMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger) : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    private readonly string _suffix = Suffix(currentContext.Context.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL");
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;

    public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
        _migrations ??= base.Migrations.Where(m => m.Value.Namespace?.EndsWith(_suffix, StringComparison.Ordinal) == true)
            .ToDictionary(m => m.Key, m => m.Value);

    private static string Suffix(bool postgres) => postgres ? ".Postgres" : ".Sqlite";

    /// <summary>
    /// The same migration ids read from the assembly without an EF Core context, for the start-up check that runs
    /// before one exists (<see cref="DatabaseAtRest"/>); StartupCheckTests and PostgresSchemaTests hold the two lists equal.
    /// </summary>
    public static IReadOnlyList<string> Ids(bool postgres)
    {
        var suffix = Suffix(postgres);
        return typeof(ProviderMigrationsAssembly).Assembly.GetTypes()
            .Where(t => t.Namespace?.EndsWith(suffix, StringComparison.Ordinal) == true && t.IsSubclassOf(typeof(Migration))
                && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(ThiDuaDbContext))
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
