using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Calendar;

namespace ThiDua.Workflows.Runtime;

/// <summary>The long-lived collaborators of the runtime (all safe to share between runs).</summary>
public sealed record WorkflowServices(
    IDefinitionProvider Definitions,
    IOrganizationDirectory Directory,
    IWorkingCalendar Calendar,
    TimeProvider Time,
    ActivityRegistry Activities);
