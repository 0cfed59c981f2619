using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>Movement phases, participants, nomination rounds, the period-end step log, job runs and calendar days.</summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123000003_PeriodEnd")]
public sealed class PeriodEnd : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "PlanNumber", table: "Movements", type: "TEXT", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<DateOnly>(name: "PlanDate", table: "Movements", type: "TEXT", nullable: true);
        migrationBuilder.AddColumn<string>(name: "SemiAnnualReportDue", table: "Movements", type: "TEXT", maxLength: 5, nullable: true);
        migrationBuilder.AddColumn<string>(name: "AnnualReportDue", table: "Movements", type: "TEXT", maxLength: 5, nullable: true);
        migrationBuilder.AddColumn<int>(name: "ReportReminderDays", table: "Movements", type: "INTEGER", nullable: false, defaultValue: 7);
        migrationBuilder.AddColumn<bool>(name: "JobsEnabled", table: "Movements", type: "INTEGER", nullable: false, defaultValue: true);
        migrationBuilder.AddColumn<DateTime>(name: "ScheduleFrom", table: "Movements", type: "TEXT", nullable: false, defaultValue: new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        migrationBuilder.CreateTable(
            name: "CalendarDays",
            columns: table => new
            {
                Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                IsWorkingDay = table.Column<bool>(type: "INTEGER", nullable: false),
                Reason = table.Column<string>(type: "TEXT", nullable: false, maxLength: 300),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CalendarDays", x => x.Date);
            });

        migrationBuilder.CreateTable(
            name: "JobRuns",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                JobKey = table.Column<string>(type: "TEXT", nullable: false, maxLength: 200),
                JobName = table.Column<string>(type: "TEXT", nullable: false, maxLength: 300),
                TriggeredBy = table.Column<string>(type: "TEXT", nullable: false, maxLength: 50),
                StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                DurationMs = table.Column<long>(type: "INTEGER", nullable: true),
                Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                Summary = table.Column<string>(type: "TEXT", nullable: true, maxLength: 2000),
                Error = table.Column<string>(type: "TEXT", nullable: true, maxLength: 4000),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_JobRuns", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ScheduledSteps",
            columns: table => new
            {
                Key = table.Column<string>(type: "TEXT", nullable: false, maxLength: 200),
                ExecutedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                Detail = table.Column<string>(type: "TEXT", nullable: true, maxLength: 2000),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ScheduledSteps", x => x.Key);
            });

        migrationBuilder.CreateTable(
            name: "MovementParticipants",
            columns: table => new
            {
                MovementId = table.Column<Guid>(type: "TEXT", nullable: false),
                OrgId = table.Column<Guid>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MovementParticipants", x => new { x.MovementId, x.OrgId });
                table.ForeignKey(
                    name: "FK_MovementParticipants_Movements_MovementId",
                    column: x => x.MovementId,
                    principalTable: "Movements",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_MovementParticipants_Organizations_OrgId",
                    column: x => x.OrgId,
                    principalTable: "Organizations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "MovementPhases",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                MovementId = table.Column<Guid>(type: "TEXT", nullable: false),
                Name = table.Column<string>(type: "TEXT", nullable: false, maxLength: 200),
                StartYear = table.Column<int>(type: "INTEGER", nullable: false),
                EndYear = table.Column<int>(type: "INTEGER", nullable: false),
                ReviewKind = table.Column<string>(type: "TEXT", nullable: false, maxLength: 20),
                ReviewDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                OpenDaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                DeadlineDaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                ReminderDaysBeforeDeadline = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MovementPhases", x => x.Id);
                table.ForeignKey(
                    name: "FK_MovementPhases_Movements_MovementId",
                    column: x => x.MovementId,
                    principalTable: "Movements",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "NominationRounds",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                MovementId = table.Column<Guid>(type: "TEXT", nullable: false),
                PhaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                UnitOrgId = table.Column<Guid>(type: "TEXT", nullable: false),
                OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                Deadline = table.Column<DateTime>(type: "TEXT", nullable: false),
                Status = table.Column<int>(type: "INTEGER", nullable: false),
                ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_NominationRounds", x => x.Id);
                table.ForeignKey(
                    name: "FK_NominationRounds_MovementPhases_PhaseId",
                    column: x => x.PhaseId,
                    principalTable: "MovementPhases",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_NominationRounds_Organizations_UnitOrgId",
                    column: x => x.UnitOrgId,
                    principalTable: "Organizations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PhaseCompilations",
            columns: table => new
            {
                PhaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                CompiledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                DossierCount = table.Column<int>(type: "INTEGER", nullable: false),
                Xlsx = table.Column<Byte[]>(type: "BLOB", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PhaseCompilations", x => x.PhaseId);
                table.ForeignKey(
                    name: "FK_PhaseCompilations_MovementPhases_PhaseId",
                    column: x => x.PhaseId,
                    principalTable: "MovementPhases",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_JobRuns_JobKey_StartedAt",
            table: "JobRuns",
            columns: new[] { "JobKey", "StartedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_JobRuns_StartedAt",
            table: "JobRuns",
            column: "StartedAt");

        migrationBuilder.CreateIndex(
            name: "IX_MovementParticipants_OrgId",
            table: "MovementParticipants",
            column: "OrgId");

        migrationBuilder.CreateIndex(
            name: "IX_MovementPhases_MovementId",
            table: "MovementPhases",
            column: "MovementId");

        migrationBuilder.CreateIndex(
            name: "IX_NominationRounds_MovementId_UnitOrgId",
            table: "NominationRounds",
            columns: new[] { "MovementId", "UnitOrgId" });

        migrationBuilder.CreateIndex(
            name: "IX_NominationRounds_PhaseId_UnitOrgId",
            table: "NominationRounds",
            columns: new[] { "PhaseId", "UnitOrgId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_NominationRounds_UnitOrgId",
            table: "NominationRounds",
            column: "UnitOrgId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CalendarDays");
        migrationBuilder.DropTable(name: "JobRuns");
        migrationBuilder.DropTable(name: "ScheduledSteps");
        migrationBuilder.DropTable(name: "PhaseCompilations");
        migrationBuilder.DropTable(name: "NominationRounds");
        migrationBuilder.DropTable(name: "MovementParticipants");
        migrationBuilder.DropTable(name: "MovementPhases");
        migrationBuilder.DropColumn(name: "PlanNumber", table: "Movements");
        migrationBuilder.DropColumn(name: "PlanDate", table: "Movements");
        migrationBuilder.DropColumn(name: "SemiAnnualReportDue", table: "Movements");
        migrationBuilder.DropColumn(name: "AnnualReportDue", table: "Movements");
        migrationBuilder.DropColumn(name: "ReportReminderDays", table: "Movements");
        migrationBuilder.DropColumn(name: "JobsEnabled", table: "Movements");
        migrationBuilder.DropColumn(name: "ScheduleFrom", table: "Movements");
    }
}
