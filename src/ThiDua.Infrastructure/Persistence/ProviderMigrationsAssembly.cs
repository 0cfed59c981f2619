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
    private readonly string _suffix = currentContext.Context.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL" ? ".Postgres" : ".Sqlite";
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;

    public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
        _migrations ??= base.Migrations.Where(m => m.Value.Namespace?.EndsWith(_suffix, StringComparison.Ordinal) == true)
            .ToDictionary(m => m.Key, m => m.Value);
}
