using Microsoft.EntityFrameworkCore.Migrations;
using ThiDua.Infrastructure.Persistence.Configurations;

namespace ThiDua.Infrastructure.Persistence.Migrations;

/// <summary>
/// The steps of the OpenBookmarkIndexes migration, the same SQL for both providers (bench/RESULTS.md, item 60): the two
/// inbox indexes and the timers' index hold open bookmarks only, which is all their queries ask for; the journal's index
/// by workflow instance and the outbox's by dossier, which no query uses, go.
/// </summary>
internal static class OpenBookmarkIndexSteps
{
    public static void Up(MigrationBuilder migrationBuilder)
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

    public static void Down(MigrationBuilder migrationBuilder)
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
