namespace ThiDua.Workflows.Runtime;

/// <summary>Roles a user holds at an organization. Stored as these codes; the UI shows the Vietnamese names.</summary>
public static class Roles
{
    public const string Leader = "Leader";
    public const string Secretary = "Secretary";
    public const string CouncilMember = "CouncilMember";
    public const string WorkflowAdmin = "WorkflowAdmin";
    public const string SystemAdmin = "SystemAdmin";

    public static readonly IReadOnlyList<string> All = [Leader, Secretary, CouncilMember, WorkflowAdmin, SystemAdmin];

    public static string VietnameseName(string role) => role switch
    {
        Leader => "Lãnh đạo",
        Secretary => "Thư ký / Chuyên viên TĐKT",
        CouncilMember => "Thành viên Hội đồng",
        WorkflowAdmin => "Quản trị quy trình",
        SystemAdmin => "Quản trị hệ thống",
        _ => role,
    };
}
