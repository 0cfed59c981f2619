using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>
/// <c>DossierAccess.State</c>, <c>UpdatedAt</c> and <c>EarliestDueAt</c>: copies of the dossier's columns on each of
/// its grants, so an organization's board (a state, overdue, newest first) is a range of one index rather than a
/// look-up of the dossier behind every grant (Ban TĐKT TW holds a hundred thousand). Triggers keep them in the
/// transaction that changes the dossier, whatever code does it. Each trigger fires only when its columns really
/// change, and sets only those, so SQLite rewrites only the indexes that hold them.
/// </summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123000070_DossierAccessBoardColumns")]
public sealed class DossierAccessBoardColumns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "State", table: "DossierAccess", type: "TEXT", maxLength: 20, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "UpdatedAt", table: "DossierAccess", type: "TEXT", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "EarliestDueAt", table: "DossierAccess", type: "TEXT", nullable: true);
        // Before the indexes exist, so the copy writes rows only (about half a minute for 3.4 million grants).
        migrationBuilder.Sql("""
            UPDATE "DossierAccess" SET "State" = "d"."State", "UpdatedAt" = "d"."UpdatedAt", "EarliestDueAt" = "d"."EarliestDueAt"
            FROM "Dossiers" AS "d" WHERE "d"."Id" = "DossierAccess"."DossierId";
            """);
        migrationBuilder.CreateIndex(name: "IX_DossierAccess_OrgId_UpdatedAt_DossierId", table: "DossierAccess", columns: ["OrgId", "UpdatedAt", "DossierId"]);
        migrationBuilder.CreateIndex(name: "IX_DossierAccess_OrgId_State_UpdatedAt_DossierId", table: "DossierAccess", columns: ["OrgId", "State", "UpdatedAt", "DossierId"]);
        migrationBuilder.CreateIndex(
            name: "IX_DossierAccess_OrgId_UpdatedAt_EarliestDueAt_DossierId",
            table: "DossierAccess",
            columns: ["OrgId", "UpdatedAt", "EarliestDueAt", "DossierId"],
            filter: "\"EarliestDueAt\" IS NOT NULL");
        // Two triggers rather than one: a task opening or closing moves EarliestDueAt without a new state or date, and
        // then only the overdue index is touched.
        migrationBuilder.Sql("""
            CREATE TRIGGER "Dossiers_AfterUpdate_AccessState" AFTER UPDATE OF "State", "UpdatedAt" ON "Dossiers"
            WHEN old."State" IS NOT new."State" OR old."UpdatedAt" IS NOT new."UpdatedAt" BEGIN
                UPDATE "DossierAccess" SET "State" = new."State", "UpdatedAt" = new."UpdatedAt" WHERE "DossierId" = new."Id";
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "Dossiers_AfterUpdate_AccessDue" AFTER UPDATE OF "EarliestDueAt" ON "Dossiers"
            WHEN old."EarliestDueAt" IS NOT new."EarliestDueAt" BEGIN
                UPDATE "DossierAccess" SET "EarliestDueAt" = new."EarliestDueAt" WHERE "DossierId" = new."Id";
            END;
            """);
        // SQLite cannot change the row being inserted, so a new grant is completed just after; the application inserts
        // grants without these columns (it does not know them), and the dossier row is always written first (foreign key).
        migrationBuilder.Sql("""
            CREATE TRIGGER "DossierAccess_AfterInsert_Copy" AFTER INSERT ON "DossierAccess" BEGIN
                UPDATE "DossierAccess" SET ("State", "UpdatedAt", "EarliestDueAt") =
                    (SELECT "d"."State", "d"."UpdatedAt", "d"."EarliestDueAt" FROM "Dossiers" AS "d" WHERE "d"."Id" = new."DossierId")
                WHERE rowid = new.rowid;
            END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER "DossierAccess_AfterInsert_Copy";""");
        migrationBuilder.Sql("""DROP TRIGGER "Dossiers_AfterUpdate_AccessDue";""");
        migrationBuilder.Sql("""DROP TRIGGER "Dossiers_AfterUpdate_AccessState";""");
        migrationBuilder.DropIndex(name: "IX_DossierAccess_OrgId_UpdatedAt_EarliestDueAt_DossierId", table: "DossierAccess");
        migrationBuilder.DropIndex(name: "IX_DossierAccess_OrgId_State_UpdatedAt_DossierId", table: "DossierAccess");
        migrationBuilder.DropIndex(name: "IX_DossierAccess_OrgId_UpdatedAt_DossierId", table: "DossierAccess");
        migrationBuilder.DropColumn(name: "EarliestDueAt", table: "DossierAccess");
        migrationBuilder.DropColumn(name: "UpdatedAt", table: "DossierAccess");
        migrationBuilder.DropColumn(name: "State", table: "DossierAccess");
    }
}
