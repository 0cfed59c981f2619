using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>
/// The board's date-ordered indexes on Dossiers end with the id (the state one also with the unit), so the first
/// thousand matches and a deep page are read from the index alone: page 50 of every dossier read a thousand rows to
/// learn their ids. The overdue index is ordered by date first, so the newest overdue are found in order instead of
/// sorting all of them. Each replaces an index on the same changing columns, so a write touches as many entries.
/// </summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123000090_BoardCoveringIndexes")]
public sealed class BoardCoveringIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Dossiers_UpdatedAt", table: "Dossiers");
        migrationBuilder.DropIndex(name: "IX_Dossiers_State_UpdatedAt", table: "Dossiers");
        migrationBuilder.DropIndex(name: "IX_Dossiers_State_Level_UpdatedAt", table: "Dossiers");
        migrationBuilder.DropIndex(name: "IX_Dossiers_EarliestDueAt_UpdatedAt_Id", table: "Dossiers");
        migrationBuilder.CreateIndex(name: "IX_Dossiers_UpdatedAt_Id", table: "Dossiers", columns: ["UpdatedAt", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Dossiers_State_UpdatedAt_UnitOrgId_Id", table: "Dossiers", columns: ["State", "UpdatedAt", "UnitOrgId", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Dossiers_State_Level_UpdatedAt_Id", table: "Dossiers", columns: ["State", "Level", "UpdatedAt", "Id"]);
        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_UpdatedAt_EarliestDueAt_Id",
            table: "Dossiers",
            columns: ["UpdatedAt", "EarliestDueAt", "Id"],
            filter: "\"EarliestDueAt\" IS NOT NULL");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Dossiers_UpdatedAt_EarliestDueAt_Id", table: "Dossiers");
        migrationBuilder.DropIndex(name: "IX_Dossiers_State_Level_UpdatedAt_Id", table: "Dossiers");
        migrationBuilder.DropIndex(name: "IX_Dossiers_State_UpdatedAt_UnitOrgId_Id", table: "Dossiers");
        migrationBuilder.DropIndex(name: "IX_Dossiers_UpdatedAt_Id", table: "Dossiers");
        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_EarliestDueAt_UpdatedAt_Id",
            table: "Dossiers",
            columns: ["EarliestDueAt", "UpdatedAt", "Id"],
            filter: "\"EarliestDueAt\" IS NOT NULL");
        migrationBuilder.CreateIndex(name: "IX_Dossiers_State_Level_UpdatedAt", table: "Dossiers", columns: ["State", "Level", "UpdatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Dossiers_State_UpdatedAt", table: "Dossiers", columns: ["State", "UpdatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Dossiers_UpdatedAt", table: "Dossiers", columns: ["UpdatedAt"]);
    }
}
