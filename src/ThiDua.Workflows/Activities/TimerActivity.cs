using System.Globalization;
using System.Xml;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Workflows.Activities;

/// <summary>Waits until an absolute time, for a duration, or for a number of working days. Stored as a bookmark with an absolute ResumeAt.</summary>
public sealed class TimerActivity : Activity
{
    public override string Type => ActivityTypes.Timer;
    public override string DisplayName => "Hẹn giờ";
    public override string Description => "Chờ đến một thời điểm, một khoảng thời gian, hoặc một số ngày làm việc.";
    public override bool IsWaitState => true;

    public override IReadOnlyList<SettingSpec> Settings { get; } =
    [
        new("at", SettingKind.DateTime, "Thời điểm"),
        new("duration", SettingKind.Duration, "Khoảng thời gian (ISO 8601, ví dụ P3D)"),
        new("workingDays", SettingKind.Integer, "Số ngày làm việc"),
    ];

    public override IReadOnlyList<string> DeclaredOutcomes(NodeDefinition node) => [Outcomes.Fired];

    public override void Validate(NodeDefinition node, ValidationContext context, List<ValidationError> errors)
    {
        var s = node.Settings;
        var given = new[] { "at", "duration", "workingDays" }.Where(s.Has).ToList();
        if (given.Count != 1)
        {
            errors.Add(new ValidationError("required", "Cần đúng một trong: thời điểm (at), khoảng thời gian (duration), số ngày làm việc (workingDays).", node.Id, given.Count == 0 ? "duration" : given[1]));
            return;
        }
        if (s.Has("at") && ParseAt(s.GetString("at")) is null)
            errors.Add(new ValidationError("format", "Thời điểm phải theo ISO 8601, ví dụ 2025-12-10T08:00:00+07:00.", node.Id, "at"));
        if (s.Has("duration") && ParseDuration(s.GetString("duration")) is null)
            errors.Add(new ValidationError("format", "Khoảng thời gian phải theo ISO 8601 và dương, ví dụ P3D hoặc PT4H.", node.Id, "duration"));
    }

    internal static DateTime? ParseAt(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime : null;

    internal static TimeSpan? ParseDuration(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
            return null;
        try
        {
            var d = XmlConvert.ToTimeSpan(s);
            return d > TimeSpan.Zero ? d : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var s = context.Settings;
        DateTime resumeAt;
        if (ParseAt(s.GetString("at")) is { } at)
            resumeAt = at;
        else if (ParseDuration(s.GetString("duration")) is { } duration)
            resumeAt = context.Now + duration;
        else if (s.GetInt("workingDays") is { } days)
            resumeAt = context.Calendar.AddWorkingDays(context.Now, days);
        else
            throw new WorkflowException(WorkflowErrorCode.Configuration, $"Nút '{context.Node.Id}': hẹn giờ chưa có thời điểm.");

        var bookmark = context.NewBookmark(BookmarkKind.Timer);
        bookmark.ResumeAt = resumeAt;
        bookmark.AllowedOutcomes = Outcomes.Fired;
        context.Journal(JournalKinds.TimerScheduled, data: FormattableString.Invariant($"{{\"resumeAt\":\"{resumeAt:O}\"}}"));
        return new(new ActivityResult.Wait(bookmark));
    }
}
