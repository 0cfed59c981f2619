namespace ThiDua.Infrastructure.Movements;

public static class ReviewKinds
{
    public const string SoKet = "SoKet";
    public const string TongKet = "TongKet";

    public static string VietnameseName(string kind) => kind == TongKet ? "Tổng kết" : "Sơ kết";
}

/// <summary>
/// A phase of a movement ending in a review event (sơ kết / tổng kết), e.g. 2022–2025 with sơ kết in 2025.
/// The offsets say when the nomination round opens, when units are reminded and when it closes, relative to the event.
/// </summary>
public sealed class MovementPhase
{
    public Guid Id { get; set; }
    public Guid MovementId { get; set; }
    public required string Name { get; set; }
    public int StartYear { get; set; }
    public int EndYear { get; set; }
    public string ReviewKind { get; set; } = ReviewKinds.SoKet;
    public DateOnly ReviewDate { get; set; }
    /// <summary>The round opens this many days before the review event.</summary>
    public int OpenDaysBefore { get; set; } = 45;
    /// <summary>Nominations are due this many days before the event (plans say "chậm nhất 10 ngày trước").</summary>
    public int DeadlineDaysBefore { get; set; } = 10;
    /// <summary>Units that have not submitted are reminded this many days before the deadline.</summary>
    public int ReminderDaysBeforeDeadline { get; set; } = 5;
}

/// <summary>An organization taking part in a movement: it gets a nomination round per phase.</summary>
public sealed class MovementParticipant
{
    public Guid MovementId { get; set; }
    public Guid OrgId { get; set; }
}
