using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Workflows.Activities;

/// <summary>
/// Runs a sub-definition (typically one review level) for the same dossier and continues on the child's
/// End result. The child is pinned to the sub-definition's published version at the moment it starts.
/// </summary>
public sealed class CallWorkflowActivity : Activity
{
    public override string Type => ActivityTypes.CallWorkflow;
    public override string DisplayName => "Gọi quy trình con";
    public override string Description => "Chạy một quy trình con (ví dụ một cấp xét duyệt) rồi rẽ nhánh theo kết quả.";
    public override bool IsWaitState => true;

    public override IReadOnlyList<SettingSpec> Settings { get; } =
    [
        new("definition", SettingKind.Definition, "Quy trình con", Required: true),
        new("outcomes", SettingKind.Outcomes, "Các kết quả của quy trình con", Required: true),
    ];

    public override IReadOnlyList<string> DeclaredOutcomes(NodeDefinition node) => node.Settings.GetStringList("outcomes");

    public override void Validate(NodeDefinition node, ValidationContext context, List<ValidationError> errors)
    {
        var id = node.Settings.GetString("definition");
        if (id is null || context.SubWorkflowResults is not { } results)
            return;
        var childResults = results(id);
        if (childResults is null)
        {
            errors.Add(new ValidationError("definition", $"Không có quy trình con '{id}' đã ban hành.", node.Id, "definition"));
            return;
        }
        var declared = DeclaredOutcomes(node);
        foreach (var r in childResults.Where(r => !declared.Contains(r)))
            errors.Add(new ValidationError("outcome", $"Quy trình con '{id}' có thể kết thúc với '{r}' nhưng nút này chưa khai báo kết quả đó.", node.Id, "outcomes"));
    }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var bookmark = context.NewBookmark(BookmarkKind.SubWorkflow);
        bookmark.AllowedOutcomes = Bookmark.Join(DeclaredOutcomes(context.Node));
        return new(new ActivityResult.CallChild(bookmark, context.Settings.GetString("definition")!));
    }
}
