namespace ThiDua.Infrastructure.Scheduling;

/// <summary>The "Scheduling" section of appsettings.json.</summary>
public sealed class SchedulingOptions
{
    /// <summary>Runs Quartz. Tests switch it off to fire jobs themselves at controlled times.</summary>
    public bool Enabled { get; set; } = true;
    public int TimerPollSeconds { get; set; } = 30;
    public int EscalationMinutes { get; set; } = 60;
    /// <summary>Several web nodes on one PostgreSQL database share one clustered scheduler.</summary>
    public bool Clustered { get; set; }
}
