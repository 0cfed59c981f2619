using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>
/// A trigram full-text index over the folded nominee name and the dossier code, so the tracking board's substring
/// search reads the matching rows instead of every dossier (<c>instr</c>/<c>LIKE '%…%'</c> cannot use a B-tree).
/// detail='none': only which rows hold each trigram, no positions (a third of the size, and at a million names
/// several times faster to intersect); the query asks for the term's trigrams with AND and the exact substring
/// test removes the rows where they are not adjacent (see <c>DossierTextSearch</c>).
/// External content: the text stays only in <c>Dossiers</c>; the index is keyed by the dossier's rowid and kept in
/// step by the triggers below, inside whatever transaction changes the dossier. EF cannot describe a virtual table,
/// so this exists only here (see <see cref="DossierSearchIndex.Table"/>; the schema test leaves it out of the
/// comparison and checks it on its own). VACUUM may renumber rowids of a table without an INTEGER PRIMARY KEY:
/// after one, run <c>INSERT INTO "DossierSearch"("DossierSearch") VALUES('rebuild')</c>.
/// </summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123000040_DossierSearchIndex")]
public sealed class DossierSearchIndex : Migration
{
    public const string Table = "DossierSearch";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE VIRTUAL TABLE "DossierSearch" USING fts5("NomineeSearch", "Code", content='Dossiers', tokenize='trigram', detail='none');
            """);
        migrationBuilder.Sql("""INSERT INTO "DossierSearch"("DossierSearch") VALUES ('rebuild');""");
        migrationBuilder.Sql("""
            CREATE TRIGGER "Dossiers_AfterInsert_Search" AFTER INSERT ON "Dossiers" BEGIN
                INSERT INTO "DossierSearch"(rowid, "NomineeSearch", "Code") VALUES (new.rowid, new."NomineeSearch", new."Code");
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "Dossiers_AfterDelete_Search" AFTER DELETE ON "Dossiers" BEGIN
                INSERT INTO "DossierSearch"("DossierSearch", rowid, "NomineeSearch", "Code") VALUES ('delete', old.rowid, old."NomineeSearch", old."Code");
            END;
            """);
        // Only a change of the indexed text touches the index: state changes (most updates) do not.
        migrationBuilder.Sql("""
            CREATE TRIGGER "Dossiers_AfterUpdate_Search" AFTER UPDATE OF "NomineeSearch", "Code" ON "Dossiers" BEGIN
                INSERT INTO "DossierSearch"("DossierSearch", rowid, "NomineeSearch", "Code") VALUES ('delete', old.rowid, old."NomineeSearch", old."Code");
                INSERT INTO "DossierSearch"(rowid, "NomineeSearch", "Code") VALUES (new.rowid, new."NomineeSearch", new."Code");
            END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER "Dossiers_AfterUpdate_Search";""");
        migrationBuilder.Sql("""DROP TRIGGER "Dossiers_AfterDelete_Search";""");
        migrationBuilder.Sql("""DROP TRIGGER "Dossiers_AfterInsert_Search";""");
        migrationBuilder.Sql("""DROP TABLE "DossierSearch";""");
    }
}
