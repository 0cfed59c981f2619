using Quartz;

namespace ThiDua.Infrastructure.Scheduling;

/// <summary>Names of the scheduled jobs, as the Jobs page shows them.</summary>
public static class JobCatalog
{
    public const string SystemGroup = "he-thong";
    public const string MovementGroup = "phong-trao";
    public static readonly JobKey Timers = new("hen-gio-quy-trinh", SystemGroup);
    public static readonly JobKey Escalation = new("bao-qua-han", SystemGroup);

    public static JobKey Movement(string code) => new(code, MovementGroup);
}
