namespace ThiDua.Infrastructure.Movements;

/// <summary>An emulation movement (phong trào thi đua): the plan that launched it, who takes part, its phases and report schedule.</summary>
public sealed class Movement
{
    public Guid Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>Issuing plan, e.g. "Kế hoạch 42/KH-UBND ngày 03/3/2023", as free text for citations.</summary>
    public string? PlanReference { get; set; }
    /// <summary>The plan's number (số), e.g. "42/KH-UBND".</summary>
    public string? PlanNumber { get; set; }
    /// <summary>The plan's date (ngày ban hành).</summary>
    public DateOnly? PlanDate { get; set; }
    public Guid? OwnerOrgId { get; set; }
    /// <summary>Comma-separated award form codes the movement allows.</summary>
    public string AllowedAwardForms { get; set; } = "";
    /// <summary>Due day of the 6-monthly report each year, "MM-dd" (e.g. "06-15"); null when none.</summary>
    public string? SemiAnnualReportDue { get; set; }
    /// <summary>Due day of the annual report each year, "MM-dd" (e.g. "12-10"); null when none.</summary>
    public string? AnnualReportDue { get; set; }
    /// <summary>Days before a report is due that units are reminded.</summary>
    public int ReportReminderDays { get; set; } = 7;
    /// <summary>Whether the period-end jobs run for this movement.</summary>
    public bool JobsEnabled { get; set; } = true;
    /// <summary>
    /// Steps due before this instant are not run: a movement entered (or switched on) today must not send
    /// years of past reminders. Steps missed after it, while the server was down, are caught up.
    /// </summary>
    public DateTime ScheduleFrom { get; set; }
    public bool IsActive { get; set; } = true;
}
