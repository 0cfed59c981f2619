using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>
/// Trigram GIN indexes for the tracking board's substring search on the folded nominee name and the dossier code
/// (<c>LIKE '%…%'</c> otherwise reads every row). pg_trgm ships with PostgreSQL and is a trusted extension, so the
/// database owner may create it.
/// </summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123100040_DossierSearchIndex")]
public sealed class DossierSearchIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_NomineeSearch_Trigram",
            table: "Dossiers",
            column: "NomineeSearch")
            .Annotation("Npgsql:IndexMethod", "gin")
            .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_Code_Trigram",
            table: "Dossiers",
            column: "Code")
            .Annotation("Npgsql:IndexMethod", "gin")
            .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Dossiers_Code_Trigram", table: "Dossiers");
        migrationBuilder.DropIndex(name: "IX_Dossiers_NomineeSearch_Trigram", table: "Dossiers");
    }
}
