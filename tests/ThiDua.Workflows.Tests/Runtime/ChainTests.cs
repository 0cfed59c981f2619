using System.Globalization;
using System.Text.Json;
using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;
using ThiDua.Workflows.Tests.Support;

namespace ThiDua.Workflows.Tests.Runtime;

/// <summary>The real chains from workflows/, pushed through the engine step by step.</summary>
public sealed class ChainTests
{
    private readonly Engine _e = new();

    private async Task PassUnitAsync(DossierFacts d) => await _e.DoAsync(d, "ld-don-vi", Outcomes.Approve, "lanhdao.ttud");

    private async Task PassDepartmentAsync(DossierFacts d)
    {
        await _e.DoAsync(d, "tiep-nhan", Outcomes.Accept, "thuky.skhcn");
        await _e.DoAsync(d, "tham-dinh", Outcomes.Approve, "thuky.skhcn");
        await _e.VoteAllAsync(d, "hd.skhcn", yes: 4, no: 1);
        await _e.DoAsync(d, "giam-doc-so", Outcomes.Approve, "lanhdao.skhcn");
    }

    private async Task PassProvinceAsync(DossierFacts d)
    {
        await _e.DoAsync(d, "tiep-nhan", Outcomes.Accept, "chuyenvien.snv");
        await _e.DoAsync(d, "tham-dinh", Outcomes.Approve, "chuyenvien.snv");
        await _e.DoAsync(d, "giam-doc-snv", Outcomes.Approve, "lanhdao.snv");
        await _e.VoteAllAsync(d, "hd.tinh", yes: 5, no: 0);
        await _e.DoAsync(d, "chu-tich", Outcomes.Approve, "lanhdao.ubnd");
    }

    private async Task PassCentralAsync(DossierFacts d)
    {
        await _e.DoAsync(d, "tiep-nhan", Outcomes.Accept, "chuyenvien.tw");
        await _e.DoAsync(d, "tham-dinh", Outcomes.Approve, "chuyenvien.tw");
        await _e.DoAsync(d, "lanh-dao-tw", Outcomes.Approve, "lanhdao.tw");
    }

    [Fact]
    public async Task Giay_khen_is_decided_by_the_department_after_the_council_passes_it()
    {
        var d = _e.NewDossier();
        var instance = await _e.StartAsync("giay-khen", d);
        Assert.Equal("Chờ lãnh đạo đơn vị xét", _e.Progress(d).Label);

        await PassUnitAsync(d);
        var receive = _e.SingleOpen(d);
        Assert.Equal(_e.Directory.Department.Id, receive.AssigneeOrgId);
        Assert.Equal(Roles.Secretary, receive.AssigneeRole);
        await PassDepartmentAsync(d);

        Assert.Empty(_e.Open(d));
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("Approved", instance.Result);
        Assert.Equal(DossierStates.Approved, _e.Progress(d).State);
        Assert.Equal("Đã khen thưởng – Giấy khen của Giám đốc Sở", _e.Progress(d).Label);
        var decisionMails = _e.Store.Outbox.Where(m => m.Template == "decision-issued").Select(m => m.ToAddress).Order().ToList();
        Assert.Equal(["lanhdao.ttud@thidua.test", "thuky.ttud@thidua.test"], decisionMails);
    }

    [Fact]
    public async Task Bang_khen_tinh_goes_through_so_noi_vu_and_the_provincial_council()
    {
        var d = _e.NewDossier("bang-khen-tinh");
        var instance = await _e.StartAsync("bang-khen-tinh", d);
        await PassUnitAsync(d);
        await PassDepartmentAsync(d);
        var receive = _e.SingleOpen(d);
        Assert.Equal(_e.Directory.Interior.Id, receive.AssigneeOrgId);
        Assert.Equal("Chờ Sở Nội vụ tiếp nhận", _e.Progress(d).Label);
        Assert.Equal("Tỉnh", _e.Progress(d).Level);
        await PassProvinceAsync(d);
        Assert.Equal("Approved", instance.Result);
        Assert.Equal(DossierStates.Approved, _e.Progress(d).State);
    }

    [Fact]
    public async Task Bang_khen_thu_tuong_reaches_the_central_level()
    {
        var d = _e.NewDossier("bang-khen-thu-tuong");
        var instance = await _e.StartAsync("bang-khen-thu-tuong", d);
        await PassUnitAsync(d);
        await PassDepartmentAsync(d);
        await PassProvinceAsync(d);
        Assert.Equal(_e.Directory.Central.Id, _e.SingleOpen(d).AssigneeOrgId);
        await PassCentralAsync(d);
        Assert.Equal("Approved", instance.Result);
    }

    [Fact]
    public async Task Huan_chuong_waits_ten_working_days_of_public_notice_before_the_province()
    {
        var d = _e.NewDossier("huan-chuong-lao-dong-hang-ba");
        var instance = await _e.StartAsync("huan-chuong-lao-dong-hang-ba", d);
        await PassUnitAsync(d);
        await PassDepartmentAsync(d);

        var timer = _e.SingleOpen(d);
        Assert.Equal(BookmarkKind.Timer, timer.Kind);
        Assert.False(await _e.Runtime.FireTimerAsync(_e.Store.Session(), timer.Id), "a timer must not fire before it is due");
        _e.Clock.SetUtcNow(timer.ResumeAt!.Value);
        Assert.True(await _e.Runtime.FireTimerAsync(_e.Store.Session(), timer.Id));
        Assert.False(await _e.Runtime.FireTimerAsync(_e.Store.Session(), timer.Id), "a fired timer must not fire twice");

        await PassProvinceAsync(d);
        await PassCentralAsync(d);
        Assert.Equal("Approved", instance.Result);
    }

    [Fact]
    public async Task A_return_goes_to_the_submitter_and_resubmitting_continues_at_the_level_that_returned()
    {
        var d = _e.NewDossier("bang-khen-tinh");
        await _e.StartAsync("bang-khen-tinh", d);
        await PassUnitAsync(d);
        await _e.DoAsync(d, "tiep-nhan", Outcomes.Accept, "thuky.skhcn");
        await _e.DoAsync(d, "tham-dinh", Outcomes.Return, "thuky.skhcn", "Thiếu báo cáo thành tích có xác nhận");

        var supplement = _e.SingleOpen(d);
        Assert.Equal(_e.Directory.User("thuky.ttud").Id, supplement.AssigneeUserId);
        Assert.Equal(DossierStates.Returned, _e.Progress(d).State);
        var mail = Assert.Single(_e.Store.Outbox, m => m.Template == "dossier-returned");
        Assert.Equal("thuky.ttud@thidua.test", mail.ToAddress);
        Assert.Contains("Thiếu báo cáo thành tích có xác nhận", mail.ModelJson);

        await _e.DoAsync(d, "bs-bo-sung", Outcomes.Resubmit, "thuky.ttud");
        // Back at the Sở's receive step, not at the unit.
        var again = _e.SingleOpen(d);
        Assert.Equal("tiep-nhan", again.NodeId);
        Assert.Equal(_e.Directory.Department.Id, again.AssigneeOrgId);
        Assert.Equal(DossierStates.InProgress, _e.Progress(d).State);
    }

    [Fact]
    public async Task A_failed_council_vote_ends_the_dossier_as_not_approved()
    {
        // Requests run in vi-VN, where 0.8 is written "0,8": the tally must stay valid JSON anyway.
        CultureInfo.CurrentCulture = new CultureInfo("vi-VN");
        var d = _e.NewDossier();
        var instance = await _e.StartAsync("giay-khen", d);
        await PassUnitAsync(d);
        await _e.DoAsync(d, "tiep-nhan", Outcomes.Accept, "thuky.skhcn");
        await _e.DoAsync(d, "tham-dinh", Outcomes.Approve, "thuky.skhcn");
        // 3 of 5 is 60 %, under the 80 % threshold counted on all members.
        await _e.VoteAllAsync(d, "hd.skhcn", yes: 3, no: 2);

        Assert.Equal("Rejected", instance.Result);
        Assert.Equal(DossierStates.Rejected, _e.Progress(d).State);
        Assert.Empty(_e.Open(d));
        var closed = Assert.Single(_e.Store.Journal, j => j.Kind == JournalKinds.VoteClosed);
        Assert.Equal(Outcomes.Failed, closed.Outcome);
        Assert.Contains("\"yes\":3", closed.Data);
        Assert.Equal(0.8, JsonDocument.Parse(closed.Data!).RootElement.GetProperty("threshold").GetDouble());
    }

    [Fact]
    public async Task A_secret_ballot_records_who_voted_but_not_how()
    {
        var d = _e.NewDossier();
        await _e.StartAsync("giay-khen", d);
        await PassUnitAsync(d);
        await _e.DoAsync(d, "tiep-nhan", Outcomes.Accept, "thuky.skhcn");
        await _e.DoAsync(d, "tham-dinh", Outcomes.Approve, "thuky.skhcn");
        await _e.VoteAllAsync(d, "hd.skhcn", yes: 4, no: 1);

        var casts = _e.Store.Journal.Where(j => j.Kind == JournalKinds.VoteCast).ToList();
        Assert.Equal(5, casts.Count);
        Assert.All(casts, c => Assert.Null(c.Outcome));
        Assert.Equal(Outcomes.Passed, _e.Store.Journal.Single(j => j.Kind == JournalKinds.VoteClosed).Outcome);
    }

    [Fact]
    public async Task A_member_cannot_vote_twice()
    {
        var d = _e.NewDossier();
        await _e.StartAsync("giay-khen", d);
        await PassUnitAsync(d);
        await _e.DoAsync(d, "tiep-nhan", Outcomes.Accept, "thuky.skhcn");
        await _e.DoAsync(d, "tham-dinh", Outcomes.Approve, "thuky.skhcn");
        var vote = _e.SingleOpen(d);
        await _e.Runtime.CastVoteAsync(_e.Store.Session(), vote.Id, _e.Directory.Actor("hd.skhcn.1"), true);
        var ex = await Assert.ThrowsAsync<WorkflowException>(() => _e.Runtime.CastVoteAsync(_e.Store.Session(), vote.Id, _e.Directory.Actor("hd.skhcn.1"), false));
        Assert.Equal(WorkflowErrorCode.AlreadyVoted, ex.Code);
        Assert.Equal(1, vote.VoteYes);
        Assert.Equal(0, vote.VoteNo);
    }

    [Fact]
    public async Task Completing_a_completed_task_is_refused_and_changes_nothing()
    {
        var d = _e.NewDossier();
        await _e.StartAsync("giay-khen", d);
        var task = _e.SingleOpen(d);
        await _e.Runtime.CompleteTaskAsync(_e.Store.Session(), task.Id, new TaskCompletion(Outcomes.Approve, null, _e.Directory.Actor("lanhdao.ttud")));
        var journalBefore = _e.Store.Journal.Count;

        var ex = await Assert.ThrowsAsync<WorkflowException>(() =>
            _e.Runtime.CompleteTaskAsync(_e.Store.Session(), task.Id, new TaskCompletion(Outcomes.Reject, "no", _e.Directory.Actor("lanhdao.ttud"))));
        Assert.Equal(WorkflowErrorCode.AlreadyClosed, ex.Code);
        Assert.Contains("đã được xử lý bởi lanhdao.ttud", ex.Message);
        Assert.Equal(journalBefore, _e.Store.Journal.Count);
        Assert.Equal("tiep-nhan", _e.SingleOpen(d).NodeId);
    }

    [Fact]
    public async Task Return_and_reject_need_a_reason_and_unknown_outcomes_are_refused()
    {
        var d = _e.NewDossier();
        await _e.StartAsync("giay-khen", d);
        var task = _e.SingleOpen(d);
        var noReason = await Assert.ThrowsAsync<WorkflowException>(() =>
            _e.Runtime.CompleteTaskAsync(_e.Store.Session(), task.Id, new TaskCompletion(Outcomes.Return, "  ", _e.Directory.Actor("lanhdao.ttud"))));
        Assert.Equal(WorkflowErrorCode.CommentRequired, noReason.Code);
        var unknown = await Assert.ThrowsAsync<WorkflowException>(() =>
            _e.Runtime.CompleteTaskAsync(_e.Store.Session(), task.Id, new TaskCompletion("Accept", null, _e.Directory.Actor("lanhdao.ttud"))));
        Assert.Equal(WorkflowErrorCode.OutcomeNotAllowed, unknown.Code);
        Assert.Equal(BookmarkStatus.Open, task.Status);
    }

    [Fact]
    public async Task Tasks_carry_a_due_date_in_working_days()
    {
        var d = _e.NewDossier();
        await _e.StartAsync("giay-khen", d);
        var task = _e.SingleOpen(d);
        // Monday 2/11/2026 + 5 working days = Monday 9/11/2026, end of day (17:00 in Vietnam).
        Assert.Equal(new DateTime(2026, 11, 9, 10, 0, 0, DateTimeKind.Utc), task.DueAt);
    }

    [Fact]
    public async Task A_running_instance_stays_on_its_version_when_a_new_one_is_published()
    {
        var d1 = _e.NewDossier();
        var old = await _e.StartAsync("giay-khen", d1);
        var json = File.ReadAllText(Engine.Directory_GetChainFiles().Single(f => f.EndsWith("cap-don-vi.json", StringComparison.Ordinal)))
            .Replace("\"Lãnh đạo đơn vị xét, ký đề nghị\"", "\"Thủ trưởng đơn vị ký (v2)\"", StringComparison.Ordinal);
        var v2 = _e.Publish(json);
        Assert.Equal(2, v2.Version);

        Assert.Equal("Lãnh đạo đơn vị xét, ký đề nghị", _e.SingleOpen(d1).NodeName);
        var d2 = _e.NewDossier();
        await _e.StartAsync("giay-khen", d2);
        Assert.Equal("Thủ trưởng đơn vị ký (v2)", _e.SingleOpen(d2).NodeName);
        Assert.Equal(1, old.DefinitionVersion);
    }
}
