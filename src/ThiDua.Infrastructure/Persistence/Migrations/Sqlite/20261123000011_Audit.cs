using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>The append-only, hash-chained audit trail.</summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123000011_Audit")]
public sealed class Audit : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                At = table.Column<DateTime>(type: "TEXT", nullable: false),
                ActorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                ActorName = table.Column<string>(type: "TEXT", nullable: true, maxLength: 200),
                Action = table.Column<string>(type: "TEXT", nullable: false, maxLength: 100),
                Subject = table.Column<string>(type: "TEXT", nullable: true, maxLength: 200),
                Detail = table.Column<string>(type: "TEXT", nullable: true, maxLength: 2000),
                Seq = table.Column<long>(type: "INTEGER", nullable: true),
                PrevHash = table.Column<string>(type: "TEXT", nullable: true, maxLength: 64),
                Hash = table.Column<string>(type: "TEXT", nullable: true, maxLength: 64),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditEntries", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_At",
            table: "AuditEntries",
            column: "At");

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_Seq",
            table: "AuditEntries",
            column: "Seq",
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "AuditEntries");
    }
}
