using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>
/// <c>Dossiers.EarliestDueAt</c>: the earliest due time of the dossier's open bookmarks, so the board's "overdue"
/// filter is a range of one index instead of a search of every open task joined back to the dossiers. A trigger on
/// Bookmarks keeps it, in the transaction that opens, completes, cancels or re-dates a task.
/// </summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123100060_DossierEarliestDueAt")]
public sealed class DossierEarliestDueAt : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>(name: "EarliestDueAt", table: "Dossiers", type: "timestamp with time zone", nullable: true);
        migrationBuilder.Sql("""
            UPDATE "Dossiers" AS "d" SET "EarliestDueAt" = "m"."Due"
            FROM (SELECT "DossierId", MIN("DueAt") AS "Due" FROM "Bookmarks" WHERE "Status" = 0 AND "DueAt" IS NOT NULL GROUP BY "DossierId") AS "m"
            WHERE "d"."Id" = "m"."DossierId";
            """);
        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_EarliestDueAt_UpdatedAt_Id",
            table: "Dossiers",
            columns: ["EarliestDueAt", "UpdatedAt", "Id"],
            filter: "\"EarliestDueAt\" IS NOT NULL");
        // The dossier row is locked before the minimum is read: under READ COMMITTED each statement of the function
        // sees what committed before it started, so two branches of one dossier finishing at once cannot leave the
        // due time of a task the other just completed.
        migrationBuilder.Sql("""
            CREATE FUNCTION "Bookmarks_RefreshEarliestDueAt"() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                affected uuid[] := ARRAY[]::uuid[];
                dossier uuid;
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."Status" = 0 AND OLD."DueAt" IS NOT NULL THEN
                    affected := affected || OLD."DossierId";
                END IF;
                IF TG_OP IN ('UPDATE', 'INSERT') AND NEW."Status" = 0 AND NEW."DueAt" IS NOT NULL THEN
                    affected := affected || NEW."DossierId";
                END IF;
                IF cardinality(affected) = 0 THEN
                    RETURN NULL;
                END IF;
                IF TG_OP = 'UPDATE' THEN
                    affected := ARRAY[OLD."DossierId", NEW."DossierId"];
                END IF;
                FOREACH dossier IN ARRAY (SELECT array_agg(DISTINCT x) FROM unnest(affected) AS x) LOOP
                    PERFORM 1 FROM "Dossiers" WHERE "Id" = dossier FOR UPDATE;
                    UPDATE "Dossiers" SET "EarliestDueAt" =
                        (SELECT MIN("b"."DueAt") FROM "Bookmarks" AS "b" WHERE "b"."DossierId" = dossier AND "b"."Status" = 0)
                    WHERE "Id" = dossier;
                END LOOP;
                RETURN NULL;
            END;
            $$;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "Bookmarks_EarliestDueAt" AFTER INSERT OR DELETE OR UPDATE OF "Status", "DueAt", "DossierId" ON "Bookmarks"
            FOR EACH ROW EXECUTE FUNCTION "Bookmarks_RefreshEarliestDueAt"();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER "Bookmarks_EarliestDueAt" ON "Bookmarks";""");
        migrationBuilder.Sql("""DROP FUNCTION "Bookmarks_RefreshEarliestDueAt"();""");
        migrationBuilder.DropIndex(name: "IX_Dossiers_EarliestDueAt_UpdatedAt_Id", table: "Dossiers");
        migrationBuilder.DropColumn(name: "EarliestDueAt", table: "Dossiers");
    }
}
