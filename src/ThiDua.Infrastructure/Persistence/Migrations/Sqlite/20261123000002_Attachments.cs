using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>Dossier attachments, with their bytes in a table of their own so listings never read them.</summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123000002_Attachments")]
public sealed class Attachments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Attachments",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                FileName = table.Column<string>(type: "TEXT", nullable: false, maxLength: 200),
                ContentType = table.Column<string>(type: "TEXT", nullable: false, maxLength: 100),
                Size = table.Column<long>(type: "INTEGER", nullable: false),
                Sha256 = table.Column<string>(type: "TEXT", nullable: false, maxLength: 64),
                UploadedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                UploadedByName = table.Column<string>(type: "TEXT", nullable: false, maxLength: 200),
                UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Attachments", x => x.Id);
                table.ForeignKey(
                    name: "FK_Attachments_Dossiers_DossierId",
                    column: x => x.DossierId,
                    principalTable: "Dossiers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AttachmentContents",
            columns: table => new
            {
                AttachmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                Data = table.Column<Byte[]>(type: "BLOB", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AttachmentContents", x => x.AttachmentId);
                table.ForeignKey(
                    name: "FK_AttachmentContents_Attachments_AttachmentId",
                    column: x => x.AttachmentId,
                    principalTable: "Attachments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_Attachments_DossierId",
            table: "Attachments",
            column: "DossierId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "AttachmentContents");
        migrationBuilder.DropTable(name: "Attachments");
    }
}
