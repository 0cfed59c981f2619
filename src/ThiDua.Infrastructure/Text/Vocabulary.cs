using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Text;

/// <summary>Vietnamese names for the codes the engine and the database store.</summary>
public static class Vocabulary
{
    public static string State(string? state) => state switch
    {
        DossierStates.Draft => "Nháp – chưa gửi",
        DossierStates.InProgress => "Đang xét duyệt",
        DossierStates.Returned => "Bị trả lại",
        DossierStates.Approved => "Đã khen thưởng",
        DossierStates.Rejected => "Không được khen thưởng",
        DossierStates.Withdrawn => "Đã rút",
        DossierStates.Faulted => "Lỗi quy trình",
        null => "",
        _ => state,
    };

    public static string Outcome(string? outcome) => outcome switch
    {
        Outcomes.Approve => "Đồng ý",
        Outcomes.Accept => "Tiếp nhận",
        Outcomes.Return => "Trả lại",
        Outcomes.Reject => "Không đồng ý",
        Outcomes.Resubmit => "Gửi lại",
        Outcomes.Withdraw => "Rút hồ sơ",
        Outcomes.Passed => "Hội đồng thông qua",
        Outcomes.Failed => "Hội đồng không thông qua",
        Outcomes.Fired => "Đến hạn",
        DossierStates.Approved => "Được đồng ý",
        DossierStates.Rejected => "Không được đồng ý",
        DossierStates.Withdrawn => "Đã rút",
        "Yes" => "Tán thành",
        "No" => "Không tán thành",
        null => "",
        _ => outcome,
    };

    public static string JournalKind(string kind) => kind switch
    {
        JournalKinds.Started => "Bắt đầu quy trình",
        JournalKinds.TaskCreated => "Chuyển đến",
        JournalKinds.TaskCompleted => "Xử lý",
        JournalKinds.VoteOpened => "Mở phiên bỏ phiếu",
        JournalKinds.VoteCast => "Bỏ phiếu",
        JournalKinds.VoteClosed => "Kết quả bỏ phiếu",
        JournalKinds.StatusChanged => "Trạng thái",
        JournalKinds.TimerScheduled => "Hẹn giờ",
        JournalKinds.TimerFired => "Đến hạn",
        JournalKinds.EmailQueued => "Gửi email",
        JournalKinds.SubWorkflowStarted => "Chuyển cấp xét",
        JournalKinds.Decision => "Quyết định",
        JournalKinds.Ended => "Kết thúc",
        JournalKinds.Cancelled => "Hủy",
        JournalKinds.Faulted => "Lỗi",
        JournalKinds.Escalated => "Nhắc / chuyển lãnh đạo cấp trên",
        _ => kind,
    };

    public static string BookmarkKind(BookmarkKind kind) => kind switch
    {
        ThiDua.Workflows.Runtime.BookmarkKind.HumanTask => "Nhiệm vụ",
        ThiDua.Workflows.Runtime.BookmarkKind.Vote => "Bỏ phiếu",
        ThiDua.Workflows.Runtime.BookmarkKind.Timer => "Hẹn giờ",
        _ => "Quy trình con",
    };
}
