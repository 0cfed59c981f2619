using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>
/// Tracking-board filters at a million dossiers: open tasks by due time (partial: completed tasks keep their due time
/// and, after a few years, far outnumber open ones) for "overdue", and dossiers by state and level in date order.
/// </summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123100050_BoardFilterIndexes")]
public sealed class BoardFilterIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(
            name: "IX_Bookmarks_OpenDueAt",
            table: "Bookmarks",
            columns: ["DueAt", "DossierId"],
            filter: "\"Status\" = 0 AND \"DueAt\" IS NOT NULL");
        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_State_Level_UpdatedAt",
            table: "Dossiers",
            columns: ["State", "Level", "UpdatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Dossiers_State_Level_UpdatedAt", table: "Dossiers");
        migrationBuilder.DropIndex(name: "IX_Bookmarks_OpenDueAt", table: "Bookmarks");
    }
}
