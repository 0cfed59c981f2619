using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>
/// The whole schema for PostgreSQL (uuid, timestamptz, identity columns). Written by hand — the EF design
/// package does not restore here; PostgresSchemaTests proves it equals the model.
/// </summary>
[DbContext(typeof(ThiDuaDbContext))]
[Migration("20261123100000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AwardForms",
            columns: table => new
            {
                Code = table.Column<string>(type: "character varying(100)", nullable: false, maxLength: 100),
                Name = table.Column<string>(type: "character varying(300)", nullable: false, maxLength: 300),
                DecidedBy = table.Column<string>(type: "character varying(300)", nullable: false, maxLength: 300),
                DecidingLevel = table.Column<string>(type: "character varying(20)", nullable: false, maxLength: 20),
                DefinitionId = table.Column<string>(type: "character varying(100)", nullable: false, maxLength: 100),
                NomineeKinds = table.Column<string>(type: "character varying(100)", nullable: false, maxLength: 100),
                SortOrder = table.Column<int>(type: "integer", nullable: false),
                IsActive = table.Column<bool>(type: "boolean", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AwardForms", x => x.Code);
            });

        migrationBuilder.CreateTable(
            name: "CalendarDays",
            columns: table => new
            {
                Date = table.Column<DateOnly>(type: "date", nullable: false),
                IsWorkingDay = table.Column<bool>(type: "boolean", nullable: false),
                Reason = table.Column<string>(type: "character varying(300)", nullable: false, maxLength: 300),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CalendarDays", x => x.Date);
            });

        migrationBuilder.CreateTable(
            name: "DataProtectionKeys",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                FriendlyName = table.Column<string>(type: "text", nullable: true),
                Xml = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "DefinitionVersions",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                DefinitionId = table.Column<string>(type: "character varying(100)", nullable: false, maxLength: 100),
                Version = table.Column<int>(type: "integer", nullable: false),
                Name = table.Column<string>(type: "character varying(300)", nullable: false, maxLength: 300),
                Json = table.Column<string>(type: "text", nullable: false),
                SourceHash = table.Column<string>(type: "character varying(64)", nullable: true, maxLength: 64),
                PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                PublishedBy = table.Column<string>(type: "character varying(200)", nullable: true, maxLength: 200),
                Note = table.Column<string>(type: "character varying(1000)", nullable: true, maxLength: 1000),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DefinitionVersions", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "JobRuns",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                JobKey = table.Column<string>(type: "character varying(200)", nullable: false, maxLength: 200),
                JobName = table.Column<string>(type: "character varying(300)", nullable: false, maxLength: 300),
                TriggeredBy = table.Column<string>(type: "character varying(50)", nullable: false, maxLength: 50),
                StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                DurationMs = table.Column<long>(type: "bigint", nullable: true),
                Outcome = table.Column<int>(type: "integer", nullable: false),
                Summary = table.Column<string>(type: "character varying(2000)", nullable: true, maxLength: 2000),
                Error = table.Column<string>(type: "character varying(4000)", nullable: true, maxLength: 4000),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_JobRuns", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Journal",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                Sequence = table.Column<long>(type: "bigint", nullable: false),
                Kind = table.Column<string>(type: "character varying(30)", nullable: false, maxLength: 30),
                NodeId = table.Column<string>(type: "character varying(100)", nullable: true, maxLength: 100),
                NodeName = table.Column<string>(type: "character varying(300)", nullable: true, maxLength: 300),
                ActorUserId = table.Column<Guid>(type: "uuid", nullable: true),
                ActorName = table.Column<string>(type: "character varying(200)", nullable: true, maxLength: 200),
                OrgId = table.Column<Guid>(type: "uuid", nullable: true),
                OrgName = table.Column<string>(type: "character varying(300)", nullable: true, maxLength: 300),
                Outcome = table.Column<string>(type: "character varying(50)", nullable: true, maxLength: 50),
                Comment = table.Column<string>(type: "character varying(4000)", nullable: true, maxLength: 4000),
                Data = table.Column<string>(type: "character varying(4000)", nullable: true, maxLength: 4000),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Journal", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Organizations",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                Code = table.Column<string>(type: "character varying(100)", nullable: false, maxLength: 100),
                Name = table.Column<string>(type: "character varying(300)", nullable: false, maxLength: 300),
                Kind = table.Column<int>(type: "integer", nullable: false),
                Function = table.Column<string>(type: "character varying(50)", nullable: true, maxLength: 50),
                ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                Email = table.Column<string>(type: "character varying(200)", nullable: true, maxLength: 200),
                SortOrder = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Organizations", x => x.Id);
                table.ForeignKey(
                    name: "FK_Organizations_Organizations_ParentId",
                    column: x => x.ParentId,
                    principalTable: "Organizations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Outbox",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                Template = table.Column<string>(type: "character varying(100)", nullable: false, maxLength: 100),
                ToAddress = table.Column<string>(type: "character varying(200)", nullable: false, maxLength: 200),
                ToName = table.Column<string>(type: "character varying(200)", nullable: true, maxLength: 200),
                ToUserId = table.Column<Guid>(type: "uuid", nullable: true),
                ModelJson = table.Column<string>(type: "text", nullable: false),
                DossierId = table.Column<Guid>(type: "uuid", nullable: true),
                InstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                Status = table.Column<int>(type: "integer", nullable: false),
                Attempts = table.Column<int>(type: "integer", nullable: false),
                NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                LastError = table.Column<string>(type: "character varying(2000)", nullable: true, maxLength: 2000),
                Subject = table.Column<string>(type: "character varying(500)", nullable: true, maxLength: 500),
                Version = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Outbox", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ScheduledSteps",
            columns: table => new
            {
                Key = table.Column<string>(type: "character varying(200)", nullable: false, maxLength: 200),
                ExecutedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                Detail = table.Column<string>(type: "character varying(2000)", nullable: true, maxLength: 2000),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ScheduledSteps", x => x.Key);
            });

        migrationBuilder.CreateTable(
            name: "Users",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                Username = table.Column<string>(type: "character varying(100)", nullable: false, maxLength: 100),
                DisplayName = table.Column<string>(type: "character varying(200)", nullable: false, maxLength: 200),
                Title = table.Column<string>(type: "character varying(200)", nullable: true, maxLength: 200),
                Email = table.Column<string>(type: "character varying(200)", nullable: true, maxLength: 200),
                PasswordHash = table.Column<string>(type: "character varying(500)", nullable: false, maxLength: 500),
                IsActive = table.Column<bool>(type: "boolean", nullable: false),
                FailedLogins = table.Column<int>(type: "integer", nullable: false),
                LockedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Users", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "WorkflowDrafts",
            columns: table => new
            {
                DefinitionId = table.Column<string>(type: "character varying(100)", nullable: false, maxLength: 100),
                Json = table.Column<string>(type: "text", nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                UpdatedBy = table.Column<string>(type: "character varying(200)", nullable: true, maxLength: 200),
                BasedOnVersion = table.Column<int>(type: "integer", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WorkflowDrafts", x => x.DefinitionId);
            });

        migrationBuilder.CreateTable(
            name: "Movements",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                Code = table.Column<string>(type: "character varying(100)", nullable: false, maxLength: 100),
                Name = table.Column<string>(type: "character varying(500)", nullable: false, maxLength: 500),
                PlanReference = table.Column<string>(type: "character varying(300)", nullable: true, maxLength: 300),
                PlanNumber = table.Column<string>(type: "character varying(100)", nullable: true, maxLength: 100),
                PlanDate = table.Column<DateOnly>(type: "date", nullable: true),
                OwnerOrgId = table.Column<Guid>(type: "uuid", nullable: true),
                AllowedAwardForms = table.Column<string>(type: "character varying(1000)", nullable: false, maxLength: 1000),
                SemiAnnualReportDue = table.Column<string>(type: "character varying(5)", nullable: true, maxLength: 5),
                AnnualReportDue = table.Column<string>(type: "character varying(5)", nullable: true, maxLength: 5),
                ReportReminderDays = table.Column<int>(type: "integer", nullable: false),
                JobsEnabled = table.Column<bool>(type: "boolean", nullable: false),
                ScheduleFrom = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                IsActive = table.Column<bool>(type: "boolean", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Movements", x => x.Id);
                table.ForeignKey(
                    name: "FK_Movements_Organizations_OwnerOrgId",
                    column: x => x.OwnerOrgId,
                    principalTable: "Organizations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "UserRoles",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                UserId = table.Column<Guid>(type: "uuid", nullable: false),
                OrgId = table.Column<Guid>(type: "uuid", nullable: false),
                Role = table.Column<string>(type: "character varying(50)", nullable: false, maxLength: 50),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UserRoles", x => x.Id);
                table.ForeignKey(
                    name: "FK_UserRoles_Organizations_OrgId",
                    column: x => x.OrgId,
                    principalTable: "Organizations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_UserRoles_Users_UserId",
                    column: x => x.UserId,
                    principalTable: "Users",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Dossiers",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                Code = table.Column<string>(type: "character varying(30)", nullable: false, maxLength: 30),
                NomineeKind = table.Column<string>(type: "character varying(20)", nullable: false, maxLength: 20),
                NomineeName = table.Column<string>(type: "character varying(300)", nullable: false, maxLength: 300),
                NomineeSearch = table.Column<string>(type: "character varying(300)", nullable: false, maxLength: 300),
                NomineeTitle = table.Column<string>(type: "character varying(300)", nullable: true, maxLength: 300),
                AwardFormCode = table.Column<string>(type: "character varying(100)", nullable: false, maxLength: 100),
                UnitOrgId = table.Column<Guid>(type: "uuid", nullable: false),
                MovementId = table.Column<Guid>(type: "uuid", nullable: true),
                Period = table.Column<string>(type: "character varying(50)", nullable: true, maxLength: 50),
                Summary = table.Column<string>(type: "character varying(20000)", nullable: true, maxLength: 20000),
                State = table.Column<string>(type: "character varying(20)", nullable: false, maxLength: 20),
                StatusLabel = table.Column<string>(type: "character varying(300)", nullable: true, maxLength: 300),
                Level = table.Column<string>(type: "character varying(50)", nullable: true, maxLength: 50),
                Result = table.Column<string>(type: "character varying(50)", nullable: true, maxLength: 50),
                InstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                SubmittedBy = table.Column<Guid>(type: "uuid", nullable: true),
                SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                Version = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Dossiers", x => x.Id);
                table.ForeignKey(
                    name: "FK_Dossiers_AwardForms_AwardFormCode",
                    column: x => x.AwardFormCode,
                    principalTable: "AwardForms",
                    principalColumn: "Code",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Dossiers_Movements_MovementId",
                    column: x => x.MovementId,
                    principalTable: "Movements",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Dossiers_Organizations_UnitOrgId",
                    column: x => x.UnitOrgId,
                    principalTable: "Organizations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "MovementParticipants",
            columns: table => new
            {
                MovementId = table.Column<Guid>(type: "uuid", nullable: false),
                OrgId = table.Column<Guid>(type: "uuid", nullable: false),
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
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                MovementId = table.Column<Guid>(type: "uuid", nullable: false),
                Name = table.Column<string>(type: "character varying(200)", nullable: false, maxLength: 200),
                StartYear = table.Column<int>(type: "integer", nullable: false),
                EndYear = table.Column<int>(type: "integer", nullable: false),
                ReviewKind = table.Column<string>(type: "character varying(20)", nullable: false, maxLength: 20),
                ReviewDate = table.Column<DateOnly>(type: "date", nullable: false),
                OpenDaysBefore = table.Column<int>(type: "integer", nullable: false),
                DeadlineDaysBefore = table.Column<int>(type: "integer", nullable: false),
                ReminderDaysBeforeDeadline = table.Column<int>(type: "integer", nullable: false),
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
            name: "Attachments",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                FileName = table.Column<string>(type: "character varying(200)", nullable: false, maxLength: 200),
                ContentType = table.Column<string>(type: "character varying(100)", nullable: false, maxLength: 100),
                Size = table.Column<long>(type: "bigint", nullable: false),
                Sha256 = table.Column<string>(type: "character varying(64)", nullable: false, maxLength: 64),
                UploadedBy = table.Column<Guid>(type: "uuid", nullable: false),
                UploadedByName = table.Column<string>(type: "character varying(200)", nullable: false, maxLength: 200),
                UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
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
            name: "DossierAccess",
            columns: table => new
            {
                OrgId = table.Column<Guid>(type: "uuid", nullable: false),
                DossierId = table.Column<Guid>(type: "uuid", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DossierAccess", x => new { x.OrgId, x.DossierId });
                table.ForeignKey(
                    name: "FK_DossierAccess_Dossiers_DossierId",
                    column: x => x.DossierId,
                    principalTable: "Dossiers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_DossierAccess_Organizations_OrgId",
                    column: x => x.OrgId,
                    principalTable: "Organizations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "WorkflowInstances",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                DefinitionId = table.Column<string>(type: "character varying(100)", nullable: false, maxLength: 100),
                DefinitionVersion = table.Column<int>(type: "integer", nullable: false),
                DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                ParentInstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                ParentBookmarkId = table.Column<Guid>(type: "uuid", nullable: true),
                Status = table.Column<int>(type: "integer", nullable: false),
                Result = table.Column<string>(type: "character varying(50)", nullable: true, maxLength: 50),
                StatusLabel = table.Column<string>(type: "character varying(300)", nullable: true, maxLength: 300),
                Level = table.Column<string>(type: "character varying(50)", nullable: true, maxLength: 50),
                StateJson = table.Column<string>(type: "text", nullable: false),
                FaultMessage = table.Column<string>(type: "character varying(2000)", nullable: true, maxLength: 2000),
                CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                Version = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WorkflowInstances", x => x.Id);
                table.ForeignKey(
                    name: "FK_WorkflowInstances_Dossiers_DossierId",
                    column: x => x.DossierId,
                    principalTable: "Dossiers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "NominationRounds",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                MovementId = table.Column<Guid>(type: "uuid", nullable: false),
                PhaseId = table.Column<Guid>(type: "uuid", nullable: false),
                UnitOrgId = table.Column<Guid>(type: "uuid", nullable: false),
                OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                Deadline = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                Status = table.Column<int>(type: "integer", nullable: false),
                ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
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
                PhaseId = table.Column<Guid>(type: "uuid", nullable: false),
                CompiledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                DossierCount = table.Column<int>(type: "integer", nullable: false),
                Xlsx = table.Column<Byte[]>(type: "bytea", nullable: false),
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

        migrationBuilder.CreateTable(
            name: "AttachmentContents",
            columns: table => new
            {
                AttachmentId = table.Column<Guid>(type: "uuid", nullable: false),
                Data = table.Column<Byte[]>(type: "bytea", nullable: false),
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

        migrationBuilder.CreateTable(
            name: "Bookmarks",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                NodeId = table.Column<string>(type: "character varying(100)", nullable: false, maxLength: 100),
                NodeName = table.Column<string>(type: "character varying(300)", nullable: false, maxLength: 300),
                Kind = table.Column<int>(type: "integer", nullable: false),
                Status = table.Column<int>(type: "integer", nullable: false),
                AssigneeRole = table.Column<string>(type: "character varying(50)", nullable: true, maxLength: 50),
                AssigneeOrgId = table.Column<Guid>(type: "uuid", nullable: true),
                AssigneeOrgName = table.Column<string>(type: "character varying(300)", nullable: true, maxLength: 300),
                AssigneeUserId = table.Column<Guid>(type: "uuid", nullable: true),
                AllowedOutcomes = table.Column<string>(type: "character varying(500)", nullable: false, maxLength: 500),
                CommentRequiredFor = table.Column<string>(type: "character varying(500)", nullable: false, maxLength: 500),
                CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                ResumeAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                EscalatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                CompletedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                CompletedByName = table.Column<string>(type: "character varying(200)", nullable: true, maxLength: 200),
                Outcome = table.Column<string>(type: "character varying(50)", nullable: true, maxLength: 50),
                Comment = table.Column<string>(type: "character varying(4000)", nullable: true, maxLength: 4000),
                IdempotencyKey = table.Column<string>(type: "character varying(100)", nullable: true, maxLength: 100),
                VoteMembers = table.Column<int>(type: "integer", nullable: true),
                VoteQuorum = table.Column<double>(type: "double precision", nullable: true),
                VoteThreshold = table.Column<double>(type: "double precision", nullable: true),
                VoteSecret = table.Column<bool>(type: "boolean", nullable: false),
                VoteYes = table.Column<int>(type: "integer", nullable: false),
                VoteNo = table.Column<int>(type: "integer", nullable: false),
                ChildInstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                Version = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Bookmarks", x => x.Id);
                table.ForeignKey(
                    name: "FK_Bookmarks_WorkflowInstances_InstanceId",
                    column: x => x.InstanceId,
                    principalTable: "WorkflowInstances",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "VoteBallots",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                BookmarkId = table.Column<Guid>(type: "uuid", nullable: false),
                UserId = table.Column<Guid>(type: "uuid", nullable: false),
                CastAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                Approve = table.Column<bool>(type: "boolean", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_VoteBallots", x => x.Id);
                table.ForeignKey(
                    name: "FK_VoteBallots_Bookmarks_BookmarkId",
                    column: x => x.BookmarkId,
                    principalTable: "Bookmarks",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_Attachments_DossierId",
            table: "Attachments",
            column: "DossierId");

        migrationBuilder.CreateIndex(
            name: "IX_Bookmarks_DossierId_Status",
            table: "Bookmarks",
            columns: new[] { "DossierId", "Status" });

        migrationBuilder.CreateIndex(
            name: "IX_Bookmarks_InstanceId_Status",
            table: "Bookmarks",
            columns: new[] { "InstanceId", "Status" });

        migrationBuilder.CreateIndex(
            name: "IX_Bookmarks_Kind_Status_ResumeAt",
            table: "Bookmarks",
            columns: new[] { "Kind", "Status", "ResumeAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Bookmarks_Status_AssigneeOrgId_AssigneeRole",
            table: "Bookmarks",
            columns: new[] { "Status", "AssigneeOrgId", "AssigneeRole" });

        migrationBuilder.CreateIndex(
            name: "IX_Bookmarks_Status_AssigneeUserId",
            table: "Bookmarks",
            columns: new[] { "Status", "AssigneeUserId" });

        migrationBuilder.CreateIndex(
            name: "IX_DefinitionVersions_DefinitionId_Version",
            table: "DefinitionVersions",
            columns: new[] { "DefinitionId", "Version" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_DossierAccess_DossierId",
            table: "DossierAccess",
            column: "DossierId");

        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_AwardFormCode",
            table: "Dossiers",
            column: "AwardFormCode");

        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_Code",
            table: "Dossiers",
            column: "Code",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_MovementId",
            table: "Dossiers",
            column: "MovementId");

        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_NomineeSearch",
            table: "Dossiers",
            column: "NomineeSearch");

        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_State_UpdatedAt",
            table: "Dossiers",
            columns: new[] { "State", "UpdatedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Dossiers_UnitOrgId_State",
            table: "Dossiers",
            columns: new[] { "UnitOrgId", "State" });

        migrationBuilder.CreateIndex(
            name: "IX_JobRuns_JobKey_StartedAt",
            table: "JobRuns",
            columns: new[] { "JobKey", "StartedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_JobRuns_StartedAt",
            table: "JobRuns",
            column: "StartedAt");

        migrationBuilder.CreateIndex(
            name: "IX_Journal_DossierId_Sequence",
            table: "Journal",
            columns: new[] { "DossierId", "Sequence" });

        migrationBuilder.CreateIndex(
            name: "IX_Journal_InstanceId",
            table: "Journal",
            column: "InstanceId");

        migrationBuilder.CreateIndex(
            name: "IX_MovementParticipants_OrgId",
            table: "MovementParticipants",
            column: "OrgId");

        migrationBuilder.CreateIndex(
            name: "IX_MovementPhases_MovementId",
            table: "MovementPhases",
            column: "MovementId");

        migrationBuilder.CreateIndex(
            name: "IX_Movements_Code",
            table: "Movements",
            column: "Code",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Movements_OwnerOrgId",
            table: "Movements",
            column: "OwnerOrgId");

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

        migrationBuilder.CreateIndex(
            name: "IX_Organizations_Code",
            table: "Organizations",
            column: "Code",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Organizations_ParentId",
            table: "Organizations",
            column: "ParentId");

        migrationBuilder.CreateIndex(
            name: "IX_Outbox_DossierId",
            table: "Outbox",
            column: "DossierId");

        migrationBuilder.CreateIndex(
            name: "IX_Outbox_Status_NextAttemptAt",
            table: "Outbox",
            columns: new[] { "Status", "NextAttemptAt" });

        migrationBuilder.CreateIndex(
            name: "IX_UserRoles_OrgId_Role",
            table: "UserRoles",
            columns: new[] { "OrgId", "Role" });

        migrationBuilder.CreateIndex(
            name: "IX_UserRoles_UserId_OrgId_Role",
            table: "UserRoles",
            columns: new[] { "UserId", "OrgId", "Role" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Users_Username",
            table: "Users",
            column: "Username",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_VoteBallots_BookmarkId_UserId",
            table: "VoteBallots",
            columns: new[] { "BookmarkId", "UserId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_WorkflowInstances_DossierId",
            table: "WorkflowInstances",
            column: "DossierId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "VoteBallots");
        migrationBuilder.DropTable(name: "Bookmarks");
        migrationBuilder.DropTable(name: "AttachmentContents");
        migrationBuilder.DropTable(name: "PhaseCompilations");
        migrationBuilder.DropTable(name: "NominationRounds");
        migrationBuilder.DropTable(name: "WorkflowInstances");
        migrationBuilder.DropTable(name: "DossierAccess");
        migrationBuilder.DropTable(name: "Attachments");
        migrationBuilder.DropTable(name: "MovementPhases");
        migrationBuilder.DropTable(name: "MovementParticipants");
        migrationBuilder.DropTable(name: "Dossiers");
        migrationBuilder.DropTable(name: "UserRoles");
        migrationBuilder.DropTable(name: "Movements");
        migrationBuilder.DropTable(name: "WorkflowDrafts");
        migrationBuilder.DropTable(name: "Users");
        migrationBuilder.DropTable(name: "ScheduledSteps");
        migrationBuilder.DropTable(name: "Outbox");
        migrationBuilder.DropTable(name: "Organizations");
        migrationBuilder.DropTable(name: "Journal");
        migrationBuilder.DropTable(name: "JobRuns");
        migrationBuilder.DropTable(name: "DefinitionVersions");
        migrationBuilder.DropTable(name: "DataProtectionKeys");
        migrationBuilder.DropTable(name: "CalendarDays");
        migrationBuilder.DropTable(name: "AwardForms");
    }
}
