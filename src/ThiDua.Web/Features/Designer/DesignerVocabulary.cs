using ThiDua.Infrastructure.Text;
using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Designer;

/// <summary>Vietnamese names the designer shows for codes stored in definitions.</summary>
public static class DesignerVocabulary
{
    public static string Outcome(string outcome) => outcome switch
    {
        Outcomes.Done => "Tiếp",
        Outcomes.Default => "Mặc định",
        _ => Vocabulary.Outcome(outcome),
    };

    public static string OrgSelector(string selector) => selector switch
    {
        OrgSelectors.Unit => "Đơn vị của hồ sơ",
        OrgSelectors.Department => "Sở/ngành quản lý đơn vị",
        OrgSelectors.Province => "UBND tỉnh",
        OrgSelectors.ProvinceInterior => "Sở Nội vụ của tỉnh",
        OrgSelectors.Central => "Ban TĐKT Trung ương (Bộ Nội vụ)",
        _ when selector.StartsWith(OrgSelectors.FixedPrefix, StringComparison.Ordinal) => "Tổ chức cố định: " + selector[OrgSelectors.FixedPrefix.Length..],
        _ => selector,
    };

    public static string ActivityType(string type) => ActivityRegistry.Default.Find(type)?.DisplayName ?? type;

    public static string SwitchOperator(string op) => op switch
    {
        "eq" => "bằng",
        "ne" => "khác",
        "in" => "thuộc danh sách",
        "notIn" => "không thuộc danh sách",
        "contains" => "có chứa",
        "empty" => "để trống",
        "notEmpty" => "có giá trị",
        "gt" => "lớn hơn",
        "gte" => "từ … trở lên",
        "lt" => "nhỏ hơn",
        "lte" => "không quá",
        _ => op,
    };

    public static string Choice(string value) => value switch
    {
        ApprovalActivity.AssignToRole => "Theo vai trò tại tổ chức",
        ApprovalActivity.AssignToSubmitter => "Thư ký đã gửi hồ sơ",
        JoinActivity.All => "Tất cả các nhánh",
        JoinActivity.Any => "Một nhánh bất kỳ",
        JoinActivity.NOfM => "N nhánh",
        DossierStates.InProgress => "Đang xét duyệt",
        DossierStates.Returned => "Bị trả lại",
        _ => value,
    };

    /// <summary>Dossier fields a Switch condition may test (the keys of the engine's dossier facts).</summary>
    public static readonly IReadOnlyList<(string Field, string Label)> DossierFields =
    [
        ("awardForm", "Hình thức khen thưởng (mã)"),
        ("nomineeKind", "Đối tượng (individual / collective / household)"),
        ("nomineeName", "Tên người / tập thể được đề nghị"),
        ("nomineeTitle", "Chức vụ"),
        ("unitName", "Tên đơn vị"),
        ("movementName", "Phong trào thi đua"),
        ("period", "Kỳ / năm"),
    ];
}
