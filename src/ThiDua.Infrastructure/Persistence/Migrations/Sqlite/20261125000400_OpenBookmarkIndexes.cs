using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ThiDua.Infrastructure.Persistence.Configurations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>
/// Fewer index entries written per approval (bench/RESULTS.md, item 60). The two inbox indexes and the timers' index
/// hold open bookmarks only, which is all their queries ask for: a completed task used to move to the completed part
/// of each, at a place of its own, where nothing read it. The journal's index by workflow instance and the outbox's
/// by dossier go: no query uses them, and an approval added about eight entries to them.
/// </summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261125000400_OpenBookmarkIndexes")]
public sealed class OpenBookmarkIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Bookmarks_Inbox_Role", table: "Bookmarks");
        migrationBuilder.DropIndex(name: "IX_Bookmarks_Inbox_User", table: "Bookmarks");
        migrationBuilder.DropIndex(name: "IX_Bookmarks_Kind_Status_ResumeAt", table: "Bookmarks");
        migrationBuilder.DropIndex(name: "IX_Journal_InstanceId", table: "Journal");
        migrationBuilder.DropIndex(name: "IX_Outbox_DossierId", table: "Outbox");
        migrationBuilder.CreateIndex(
            name: "IX_Bookmarks_Inbox_Role",
            table: "Bookmarks",
            columns: ["Status", "AssigneeOrgId", "AssigneeRole", "AssigneeUserId", "Kind", "DueAt", "CreatedAt", "Id"],
            filter: BookmarkConfiguration.OpenOnly);
        migrationBuilder.CreateIndex(
            name: "IX_Bookmarks_Inbox_User",
            table: "Bookmarks",
            columns: ["Status", "AssigneeUserId", "Kind", "DueAt", "CreatedAt", "Id"],
            filter: BookmarkConfiguration.OpenOnly);
        migrationBuilder.CreateIndex(
            name: "IX_Bookmarks_Kind_Status_ResumeAt",
            table: "Bookmarks",
            columns: ["Kind", "Status", "ResumeAt"],
            filter: BookmarkConfiguration.OpenOnly);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Bookmarks_Kind_Status_ResumeAt", table: "Bookmarks");
        migrationBuilder.DropIndex(name: "IX_Bookmarks_Inbox_User", table: "Bookmarks");
        migrationBuilder.DropIndex(name: "IX_Bookmarks_Inbox_Role", table: "Bookmarks");
        migrationBuilder.CreateIndex(name: "IX_Bookmarks_Inbox_Role", table: "Bookmarks", columns: ["Status", "AssigneeOrgId", "AssigneeRole", "AssigneeUserId", "Kind", "DueAt", "CreatedAt", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Bookmarks_Inbox_User", table: "Bookmarks", columns: ["Status", "AssigneeUserId", "Kind", "DueAt", "CreatedAt", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Bookmarks_Kind_Status_ResumeAt", table: "Bookmarks", columns: ["Kind", "Status", "ResumeAt"]);
        migrationBuilder.CreateIndex(name: "IX_Journal_InstanceId", table: "Journal", column: "InstanceId");
        migrationBuilder.CreateIndex(name: "IX_Outbox_DossierId", table: "Outbox", column: "DossierId");
    }
}
