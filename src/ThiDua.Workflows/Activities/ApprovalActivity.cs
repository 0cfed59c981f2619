using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Workflows.Activities;

/// <summary>
/// A human task: one of the holders of a role at an organization resolved from the dossier (or the
/// secretary who submitted it) chooses an outcome. Any holder may act; the first decision counts.
/// </summary>
public sealed class ApprovalActivity : Activity
{
    public const string AssignToRole = "role";
    public const string AssignToSubmitter = "submitter";

    public override string Type => ActivityTypes.Approval;
    public override string DisplayName => "Phê duyệt / xử lý";
    public override string Description => "Nhiệm vụ của một người: tiếp nhận, thẩm định, phê duyệt, trả lại hoặc bổ sung hồ sơ.";
    public override bool IsWaitState => true;

    public override IReadOnlyList<SettingSpec> Settings { get; } =
    [
        new("assignTo", SettingKind.Choice, "Giao cho", Choices: [AssignToRole, AssignToSubmitter], Help: "Theo vai trò tại tổ chức, hoặc thư ký đã gửi hồ sơ."),
        new("role", SettingKind.Role, "Vai trò"),
        new("org", SettingKind.Organization, "Tổ chức"),
        new("outcomes", SettingKind.Outcomes, "Các lựa chọn", Required: true),
        new("commentRequiredFor", SettingKind.Outcomes, "Bắt buộc nêu lý do khi", Help: "Mặc định: Return, Reject."),
        new("dueWorkingDays", SettingKind.Integer, "Thời hạn (ngày làm việc)"),
        new("notify", SettingKind.Boolean, "Gửi email cho người xử lý"),
    ];

    public override IReadOnlyList<string> DeclaredOutcomes(NodeDefinition node) => node.Settings.GetStringList("outcomes");

    public override void Validate(NodeDefinition node, ValidationContext context, List<ValidationError> errors)
    {
        var assignTo = node.Settings.GetString("assignTo") ?? AssignToRole;
        if (assignTo == AssignToRole)
        {
            if (!node.Settings.Has("role"))
                errors.Add(new ValidationError("required", "Thiếu vai trò người xử lý.", node.Id, "role"));
            if (!node.Settings.Has("org"))
                errors.Add(new ValidationError("required", "Thiếu tổ chức của người xử lý.", node.Id, "org"));
        }
        var outcomes = DeclaredOutcomes(node);
        if (outcomes.Distinct(StringComparer.Ordinal).Count() != outcomes.Count)
            errors.Add(new ValidationError("duplicate", "Các lựa chọn bị trùng.", node.Id, "outcomes"));
        foreach (var o in outcomes.Where(o => !IsOutcomeName(o)))
            errors.Add(new ValidationError("outcome", $"Tên lựa chọn '{o}' chỉ gồm chữ cái Latin và số, không dấu, không khoảng trắng.", node.Id, "outcomes"));
    }

    internal static bool IsOutcomeName(string o) => o.Length is > 0 and <= 40 && char.IsAsciiLetter(o[0]) && o.All(char.IsAsciiLetterOrDigit);

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var s = context.Settings;
        var bookmark = context.NewBookmark(BookmarkKind.HumanTask);
        var outcomes = s.GetStringList("outcomes");
        bookmark.AllowedOutcomes = Bookmark.Join(outcomes);
        var needComment = s.Has("commentRequiredFor") ? s.GetStringList("commentRequiredFor") : [Outcomes.Return, Outcomes.Reject];
        bookmark.CommentRequiredFor = Bookmark.Join(needComment.Where(outcomes.Contains));
        bookmark.DueAt = context.DueAfterWorkingDays(s.GetInt("dueWorkingDays"));

        IReadOnlyList<UserRef> assignees;
        OrgRef org;
        if ((s.GetString("assignTo") ?? AssignToRole) == AssignToSubmitter)
        {
            var submitter = context.Dossier.SubmittedByUserId is { } uid ? await context.Directory.FindUserAsync(uid, context.CancellationToken) : null;
            if (submitter is null)
                throw new WorkflowException(WorkflowErrorCode.Configuration, $"Bước \"{context.Node.DisplayName}\": hồ sơ chưa có người gửi để giao nhiệm vụ.");
            org = await context.ResolveOrgAsync(OrgSelectors.Unit, "org");
            bookmark.AssigneeUserId = submitter.Id;
            assignees = [submitter];
        }
        else
        {
            org = await context.ResolveOrgAsync(s.GetString("org"), "org");
            bookmark.AssigneeRole = s.GetString("role");
            assignees = await context.Directory.UsersInRoleAsync(bookmark.AssigneeRole!, org.Id, context.CancellationToken);
        }
        bookmark.AssigneeOrgId = org.Id;
        bookmark.AssigneeOrgName = org.Name;

        context.Journal(JournalKinds.TaskCreated, org: org, data: bookmark.DueAt is { } due ? FormattableString.Invariant($"{{\"dueAt\":\"{due:O}\"}}") : null);
        if (s.GetBool("notify") ?? true)
        {
            var extra = new Dictionary<string, string?> { ["taskId"] = bookmark.Id.ToString(), ["orgName"] = org.Name, ["dueAt"] = bookmark.DueAt?.ToString("O") };
            foreach (var user in assignees)
                context.Email(EmailTemplates.TaskAssigned, user, extra);
        }
        return new ActivityResult.Wait(bookmark);
    }
}
