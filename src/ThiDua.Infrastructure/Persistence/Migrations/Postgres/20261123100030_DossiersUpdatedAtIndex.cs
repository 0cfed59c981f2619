using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>Dossiers by last change, for the tracking board's newest-first pages (a sort of every row without it).</summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123100030_DossiersUpdatedAtIndex")]
public sealed class DossiersUpdatedAtIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_UpdatedAt",
            table: "Dossiers",
            column: "UpdatedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Dossiers_UpdatedAt", table: "Dossiers");
    }
}
