using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>
/// <c>DossierAccess.DossierRowid</c>: the dossier's SQLite rowid on each of its grants, with an (OrgId, DossierRowid)
/// index, so a person's free-text search checks the trigram index's matches against their grants by the rowid the index
/// gives, before reading any dossier row. A broad term's matches are mostly outside one person's organizations (the
/// province leader's 'tran thi': 5,752 matches, 491 visible), and each row read was the larger part of the search.
/// <para>
/// SQLite only, and not in the EF model: the search index (DossierSearchIndex) is keyed by the same rowid, which EF
/// does not see. The rowid of a table without an INTEGER PRIMARY KEY is stable except under VACUUM, which the
/// application never runs; after one, rebuild the search index and run this migration's UPDATE again. The insert
/// trigger of DossierAccessBoardColumns now fills it with the other copies.
/// </para>
/// </summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261124000300_DossierAccessRowid")]
public sealed class DossierAccessRowid : Migration
{
    public const string Column = "DossierRowid";
    public const string Index = "IX_DossierAccess_OrgId_DossierRowid";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: Column, table: "DossierAccess", type: "INTEGER", nullable: true);
        // Before the index exists, so the copy writes rows only (about 20 seconds for 3.4 million grants).
        migrationBuilder.Sql("""
            UPDATE "DossierAccess" SET "DossierRowid" = "d".rowid FROM "Dossiers" AS "d" WHERE "d"."Id" = "DossierAccess"."DossierId";
            """);
        migrationBuilder.CreateIndex(name: Index, table: "DossierAccess", columns: ["OrgId", Column]);
        migrationBuilder.Sql("""DROP TRIGGER "DossierAccess_AfterInsert_Copy";""");
        migrationBuilder.Sql(InsertTrigger(withRowid: true));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER "DossierAccess_AfterInsert_Copy";""");
        migrationBuilder.Sql(InsertTrigger(withRowid: false));
        migrationBuilder.DropIndex(name: Index, table: "DossierAccess");
        migrationBuilder.DropColumn(name: Column, table: "DossierAccess");
    }

    private static string InsertTrigger(bool withRowid) => $"""
        CREATE TRIGGER "DossierAccess_AfterInsert_Copy" AFTER INSERT ON "DossierAccess" BEGIN
            UPDATE "DossierAccess" SET ("State", "UpdatedAt", "EarliestDueAt"{(withRowid ? ", \"DossierRowid\"" : "")}) =
                (SELECT "d"."State", "d"."UpdatedAt", "d"."EarliestDueAt"{(withRowid ? ", \"d\".rowid" : "")} FROM "Dossiers" AS "d" WHERE "d"."Id" = new."DossierId")
            WHERE rowid = new.rowid;
        END;
        """;
}
