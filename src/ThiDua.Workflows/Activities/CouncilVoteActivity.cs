using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Workflows.Activities;

/// <summary>
/// A council vote (bình xét). Passes when enough members took part (quorum) and the approvals reach the
/// threshold counted against ALL members, as the decree counts it (≥ 80 % of all members, not of those present).
/// </summary>
public sealed class CouncilVoteActivity : Activity
{
    public const double DefaultQuorum = 2.0 / 3.0;

    public override string Type => ActivityTypes.CouncilVote;
    public override string DisplayName => "Hội đồng bỏ phiếu";
    public override string Description => "Thành viên Hội đồng Thi đua – Khen thưởng bỏ phiếu; có thể bỏ phiếu kín.";
    public override bool IsWaitState => true;

    public override IReadOnlyList<SettingSpec> Settings { get; } =
    [
        new("org", SettingKind.Organization, "Hội đồng của tổ chức", Required: true),
        new("role", SettingKind.Role, "Vai trò thành viên", Help: "Mặc định: Thành viên Hội đồng."),
        new("threshold", SettingKind.Fraction, "Tỷ lệ đồng ý tối thiểu (trên tổng số thành viên)", Required: true),
        new("quorum", SettingKind.Fraction, "Tỷ lệ tham gia tối thiểu", Help: "Mặc định 2/3."),
        new("secret", SettingKind.Boolean, "Bỏ phiếu kín"),
        new("dueWorkingDays", SettingKind.Integer, "Thời hạn (ngày làm việc)"),
    ];

    public override IReadOnlyList<string> DeclaredOutcomes(NodeDefinition node) => [Outcomes.Passed, Outcomes.Failed];

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var s = context.Settings;
        var org = await context.ResolveOrgAsync(s.GetString("org"), "org");
        var role = s.GetString("role") ?? Roles.CouncilMember;
        var members = await context.Directory.UsersInRoleAsync(role, org.Id, context.CancellationToken);
        if (members.Count == 0)
            throw new WorkflowException(WorkflowErrorCode.Configuration, $"Bước \"{context.Node.DisplayName}\": {org.Name} chưa có thành viên Hội đồng.");

        var bookmark = context.NewBookmark(BookmarkKind.Vote);
        bookmark.AssigneeRole = role;
        bookmark.AssigneeOrgId = org.Id;
        bookmark.AssigneeOrgName = org.Name;
        bookmark.AllowedOutcomes = Bookmark.Join([Outcomes.Passed, Outcomes.Failed]);
        bookmark.VoteMembers = members.Count;
        bookmark.VoteThreshold = s.GetDouble("threshold");
        bookmark.VoteQuorum = s.GetDouble("quorum") ?? DefaultQuorum;
        bookmark.VoteSecret = s.GetBool("secret") ?? false;
        bookmark.DueAt = context.DueAfterWorkingDays(s.GetInt("dueWorkingDays"));

        context.Journal(JournalKinds.VoteOpened, org: org,
            data: FormattableString.Invariant($"{{\"members\":{members.Count},\"threshold\":{bookmark.VoteThreshold:0.####},\"quorum\":{bookmark.VoteQuorum:0.####},\"secret\":{(bookmark.VoteSecret ? "true" : "false")}}}"));
        var extra = new Dictionary<string, string?> { ["taskId"] = bookmark.Id.ToString(), ["orgName"] = org.Name, ["dueAt"] = bookmark.DueAt?.ToString("O") };
        foreach (var member in members)
            context.Email(EmailTemplates.VoteOpened, member, extra);
        return new ActivityResult.Wait(bookmark);
    }

    /// <summary>The outcome once every member has voted (or the vote is closed early).</summary>
    public static string Decide(Bookmark vote)
    {
        var members = vote.VoteMembers ?? 0;
        if (members == 0)
            return Outcomes.Failed;
        var voted = vote.VoteYes + vote.VoteNo;
        // A small epsilon so that 4 of 5 meets a threshold written as 0.8.
        const double eps = 1e-9;
        var quorate = (double)voted / members + eps >= (vote.VoteQuorum ?? DefaultQuorum);
        var approved = (double)vote.VoteYes / members + eps >= (vote.VoteThreshold ?? 1);
        return quorate && approved ? Outcomes.Passed : Outcomes.Failed;
    }
}
