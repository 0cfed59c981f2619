using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>
/// <c>Dossiers.EarliestDueAt</c>: the earliest due time of the dossier's open bookmarks, so the board's "overdue"
/// filter is a range of one index instead of a search of every open task joined back to a million dossiers (and
/// the overdue dossiers, rarely the recently changed ones, sorted by date without reading their rows). Triggers on
/// Bookmarks keep it, in the transaction that opens, completes, cancels or re-dates a task, whatever code does it.
/// </summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123000060_DossierEarliestDueAt")]
public sealed class DossierEarliestDueAt : Migration
{
    private static string Refresh(string dossierId, string when = "") => $"""
        UPDATE "Dossiers" SET "EarliestDueAt" =
            (SELECT MIN("b"."DueAt") FROM "Bookmarks" AS "b" WHERE "b"."DossierId" = "Dossiers"."Id" AND "b"."Status" = 0)
        WHERE "Id" = {dossierId}{when};
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>(name: "EarliestDueAt", table: "Dossiers", type: "TEXT", nullable: true);
        migrationBuilder.Sql("""
            UPDATE "Dossiers" SET "EarliestDueAt" = "m"."Due"
            FROM (SELECT "DossierId", MIN("DueAt") AS "Due" FROM "Bookmarks" WHERE "Status" = 0 AND "DueAt" IS NOT NULL GROUP BY "DossierId") AS "m"
            WHERE "Dossiers"."Id" = "m"."DossierId";
            """);
        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_EarliestDueAt_UpdatedAt_Id",
            table: "Dossiers",
            columns: ["EarliestDueAt", "UpdatedAt", "Id"],
            filter: "\"EarliestDueAt\" IS NOT NULL");
        // Only rows that are, or were, an open task with a due time can move the earliest due time.
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Bookmarks_AfterInsert_EarliestDueAt" AFTER INSERT ON "Bookmarks"
            WHEN new."Status" = 0 AND new."DueAt" IS NOT NULL BEGIN
                {Refresh("new.\"DossierId\"")}
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Bookmarks_AfterUpdate_EarliestDueAt" AFTER UPDATE OF "Status", "DueAt", "DossierId" ON "Bookmarks"
            WHEN (old."Status" = 0 AND old."DueAt" IS NOT NULL) OR (new."Status" = 0 AND new."DueAt" IS NOT NULL) BEGIN
                {Refresh("new.\"DossierId\"")}
                {Refresh("old.\"DossierId\"", " AND old.\"DossierId\" <> new.\"DossierId\"")}
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Bookmarks_AfterDelete_EarliestDueAt" AFTER DELETE ON "Bookmarks"
            WHEN old."Status" = 0 AND old."DueAt" IS NOT NULL BEGIN
                {Refresh("old.\"DossierId\"")}
            END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER "Bookmarks_AfterDelete_EarliestDueAt";""");
        migrationBuilder.Sql("""DROP TRIGGER "Bookmarks_AfterUpdate_EarliestDueAt";""");
        migrationBuilder.Sql("""DROP TRIGGER "Bookmarks_AfterInsert_EarliestDueAt";""");
        migrationBuilder.DropIndex(name: "IX_Dossiers_EarliestDueAt_UpdatedAt_Id", table: "Dossiers");
        migrationBuilder.DropColumn(name: "EarliestDueAt", table: "Dossiers");
    }
}
