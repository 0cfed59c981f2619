using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>The designer's drafts: one unpublished definition per id, deleted on publish.</summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123000010_Drafts")]
public sealed class Drafts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "WorkflowDrafts",
            columns: table => new
            {
                DefinitionId = table.Column<string>(type: "TEXT", nullable: false, maxLength: 100),
                Json = table.Column<string>(type: "TEXT", nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                UpdatedBy = table.Column<string>(type: "TEXT", nullable: true, maxLength: 200),
                BasedOnVersion = table.Column<int>(type: "INTEGER", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WorkflowDrafts", x => x.DefinitionId);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: "WorkflowDrafts");
}
