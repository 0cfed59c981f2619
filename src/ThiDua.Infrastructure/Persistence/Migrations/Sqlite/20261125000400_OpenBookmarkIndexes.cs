using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>Fewer index entries written per approval: see <see cref="OpenBookmarkIndexSteps"/>.</summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261125000400_OpenBookmarkIndexes")]
public sealed class OpenBookmarkIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => OpenBookmarkIndexSteps.Up(migrationBuilder);

    protected override void Down(MigrationBuilder migrationBuilder) => OpenBookmarkIndexSteps.Down(migrationBuilder);
}
