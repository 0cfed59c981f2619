using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>Tracking-board filter by state and level, newest first: read in index order instead of sorting the level's rows.</summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123000050_BoardFilterIndexes")]
public sealed class BoardFilterIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_State_Level_UpdatedAt",
            table: "Dossiers",
            columns: ["State", "Level", "UpdatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Dossiers_State_Level_UpdatedAt", table: "Dossiers");
    }
}
