using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>
/// The two inbox indexes (a role's tasks at an organization, a person's own) also hold kind, due time, creation time
/// and id: Ban TĐKT TW's inbox sorted its 1,561 open tasks by reading each row, and now reads the index only and
/// then the hundred rows of the page. They replace the narrower ones, so a task's insert or completion writes as
/// many index entries as before.
/// </summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123000080_InboxCoveringIndexes")]
public sealed class InboxCoveringIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Bookmarks_Status_AssigneeOrgId_AssigneeRole", table: "Bookmarks");
        migrationBuilder.DropIndex(name: "IX_Bookmarks_Status_AssigneeUserId", table: "Bookmarks");
        migrationBuilder.CreateIndex(
            name: "IX_Bookmarks_Inbox_Role",
            table: "Bookmarks",
            columns: ["Status", "AssigneeOrgId", "AssigneeRole", "AssigneeUserId", "Kind", "DueAt", "CreatedAt", "Id"]);
        migrationBuilder.CreateIndex(
            name: "IX_Bookmarks_Inbox_User",
            table: "Bookmarks",
            columns: ["Status", "AssigneeUserId", "Kind", "DueAt", "CreatedAt", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Bookmarks_Inbox_User", table: "Bookmarks");
        migrationBuilder.DropIndex(name: "IX_Bookmarks_Inbox_Role", table: "Bookmarks");
        migrationBuilder.CreateIndex(name: "IX_Bookmarks_Status_AssigneeUserId", table: "Bookmarks", columns: ["Status", "AssigneeUserId"]);
        migrationBuilder.CreateIndex(name: "IX_Bookmarks_Status_AssigneeOrgId_AssigneeRole", table: "Bookmarks", columns: ["Status", "AssigneeOrgId", "AssigneeRole"]);
    }
}
