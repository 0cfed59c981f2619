using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>
/// <c>DossierAccess.State</c>, <c>UpdatedAt</c> and <c>EarliestDueAt</c>: copies of the dossier's columns on each of
/// its grants, so an organization's board (a state, overdue, newest first) is a range of one index rather than a
/// look-up of the dossier behind every grant. Triggers keep them in the transaction that changes the dossier.
/// </summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123100070_DossierAccessBoardColumns")]
public sealed class DossierAccessBoardColumns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "State", table: "DossierAccess", type: "character varying(20)", maxLength: 20, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "UpdatedAt", table: "DossierAccess", type: "timestamp with time zone", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "EarliestDueAt", table: "DossierAccess", type: "timestamp with time zone", nullable: true);
        migrationBuilder.Sql("""
            UPDATE "DossierAccess" AS "a" SET "State" = "d"."State", "UpdatedAt" = "d"."UpdatedAt", "EarliestDueAt" = "d"."EarliestDueAt"
            FROM "Dossiers" AS "d" WHERE "d"."Id" = "a"."DossierId";
            """);
        migrationBuilder.CreateIndex(name: "IX_DossierAccess_OrgId_UpdatedAt_DossierId", table: "DossierAccess", columns: ["OrgId", "UpdatedAt", "DossierId"]);
        migrationBuilder.CreateIndex(name: "IX_DossierAccess_OrgId_State_UpdatedAt_DossierId", table: "DossierAccess", columns: ["OrgId", "State", "UpdatedAt", "DossierId"]);
        migrationBuilder.CreateIndex(
            name: "IX_DossierAccess_OrgId_UpdatedAt_EarliestDueAt_DossierId",
            table: "DossierAccess",
            columns: ["OrgId", "UpdatedAt", "EarliestDueAt", "DossierId"],
            filter: "\"EarliestDueAt\" IS NOT NULL");
        // One statement for the three columns: PostgreSQL writes a new version of the whole row whichever changed.
        migrationBuilder.Sql("""
            CREATE FUNCTION "Dossiers_CopyToAccess"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "DossierAccess" SET "State" = NEW."State", "UpdatedAt" = NEW."UpdatedAt", "EarliestDueAt" = NEW."EarliestDueAt"
                WHERE "DossierId" = NEW."Id";
                RETURN NULL;
            END;
            $$;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "Dossiers_CopyToAccess" AFTER UPDATE OF "State", "UpdatedAt", "EarliestDueAt" ON "Dossiers"
            FOR EACH ROW WHEN (OLD."State" IS DISTINCT FROM NEW."State" OR OLD."UpdatedAt" IS DISTINCT FROM NEW."UpdatedAt"
                OR OLD."EarliestDueAt" IS DISTINCT FROM NEW."EarliestDueAt")
            EXECUTE FUNCTION "Dossiers_CopyToAccess"();
            """);
        // FOR SHARE: a grant added while another transaction changes its dossier waits for that one to commit and
        // then reads its values (under READ COMMITTED a locking read sees the latest version); the other order is
        // covered by the update trigger, whose statement starts after this insert commits (the lock makes it wait).
        migrationBuilder.Sql("""
            CREATE FUNCTION "DossierAccess_CopyFromDossier"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                SELECT "d"."State", "d"."UpdatedAt", "d"."EarliestDueAt" INTO NEW."State", NEW."UpdatedAt", NEW."EarliestDueAt"
                FROM "Dossiers" AS "d" WHERE "d"."Id" = NEW."DossierId" FOR SHARE;
                RETURN NEW;
            END;
            $$;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "DossierAccess_CopyFromDossier" BEFORE INSERT ON "DossierAccess"
            FOR EACH ROW EXECUTE FUNCTION "DossierAccess_CopyFromDossier"();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER "DossierAccess_CopyFromDossier" ON "DossierAccess";""");
        migrationBuilder.Sql("""DROP FUNCTION "DossierAccess_CopyFromDossier"();""");
        migrationBuilder.Sql("""DROP TRIGGER "Dossiers_CopyToAccess" ON "Dossiers";""");
        migrationBuilder.Sql("""DROP FUNCTION "Dossiers_CopyToAccess"();""");
        migrationBuilder.DropIndex(name: "IX_DossierAccess_OrgId_UpdatedAt_EarliestDueAt_DossierId", table: "DossierAccess");
        migrationBuilder.DropIndex(name: "IX_DossierAccess_OrgId_State_UpdatedAt_DossierId", table: "DossierAccess");
        migrationBuilder.DropIndex(name: "IX_DossierAccess_OrgId_UpdatedAt_DossierId", table: "DossierAccess");
        migrationBuilder.DropColumn(name: "EarliestDueAt", table: "DossierAccess");
        migrationBuilder.DropColumn(name: "UpdatedAt", table: "DossierAccess");
        migrationBuilder.DropColumn(name: "State", table: "DossierAccess");
    }
}
