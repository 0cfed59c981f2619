using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Workflows.Activities;

/// <summary>
/// Puts emails in the outbox (one row per recipient) in the same transaction as the step; sending is
/// the outbox worker's job, so a failed SMTP server never blocks or undoes an approval.
/// Recipients: "submitter" or "Role@selector", e.g. "Leader@unit", "Secretary@department".
/// </summary>
public sealed class SendEmailActivity : Activity
{
    public const string Submitter = "submitter";

    public override string Type => ActivityTypes.SendEmail;
    public override string DisplayName => "Gửi email";
    public override string Description => "Gửi thông báo theo mẫu cho người gửi hồ sơ hoặc theo vai trò.";

    public override IReadOnlyList<SettingSpec> Settings { get; } =
    [
        new("template", SettingKind.EmailTemplate, "Mẫu email", Required: true),
        new("to", SettingKind.Recipients, "Người nhận", Required: true, Help: "submitter hoặc Vai trò@tổ chức, ví dụ Leader@unit."),
    ];

    public override void Validate(NodeDefinition node, ValidationContext context, List<ValidationError> errors)
    {
        foreach (var r in node.Settings.GetStringList("to"))
        {
            if (r == Submitter)
                continue;
            var parts = r.Split('@', 2);
            if (parts.Length != 2 || !Roles.All.Contains(parts[0]) || !OrgSelectors.IsValid(parts[1]))
                errors.Add(new ValidationError("recipient", $"Người nhận '{r}' không hợp lệ (dùng submitter hoặc Vai trò@tổ chức).", node.Id, "to"));
        }
        var template = node.Settings.GetString("template");
        if (template is not null && context.TemplateExists is { } exists && !exists(template))
            errors.Add(new ValidationError("template", $"Không có mẫu email '{template}'.", node.Id, "template"));
    }

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var template = context.Settings.GetString("template")!;
        var sent = new HashSet<Guid>();
        foreach (var r in context.Settings.GetStringList("to"))
        {
            IReadOnlyList<UserRef> users;
            if (r == Submitter)
            {
                var u = context.Dossier.SubmittedByUserId is { } id ? await context.Directory.FindUserAsync(id, context.CancellationToken) : null;
                users = u is null ? [] : [u];
            }
            else
            {
                var parts = r.Split('@', 2);
                var org = await context.ResolveOrgAsync(parts[1], "to");
                users = await context.Directory.UsersInRoleAsync(parts[0], org.Id, context.CancellationToken);
            }
            foreach (var user in users.Where(u => sent.Add(u.Id)))
                context.Email(template, user);
        }
        return new ActivityResult.Continue(Outcomes.Done);
    }
}
