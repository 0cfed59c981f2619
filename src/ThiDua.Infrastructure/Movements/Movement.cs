namespace ThiDua.Infrastructure.Movements;

/// <summary>An emulation movement (phong trào thi đua) dossiers are nominated under.</summary>
public sealed class Movement
{
    public Guid Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>Issuing plan, e.g. "Kế hoạch 42/KH-UBND ngày 14/3/2023".</summary>
    public string? PlanReference { get; set; }
    public Guid? OwnerOrgId { get; set; }
    /// <summary>Comma-separated award form codes the movement allows.</summary>
    public string AllowedAwardForms { get; set; } = "";
    public bool IsActive { get; set; } = true;
}
