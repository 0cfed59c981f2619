namespace ThiDua.Workflows.Runtime;

/// <summary>Who caused a step; <see cref="System"/> for timers and jobs.</summary>
public sealed record Actor(Guid? UserId, string Name)
{
    public static readonly Actor System = new(null, "Hệ thống");
}
