using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Definitions;

namespace ThiDua.Workflows.Runtime;

/// <summary>
/// Runs instances from a start or a resumed bookmark to their next wait states. It only reads and adds
/// through the <see cref="IWorkflowSession"/>; the caller commits the session once, so a run is atomic:
/// the step, the journal, the outbox and the dossier status land together or not at all.
/// </summary>
public sealed class WorkflowRuntime(WorkflowServices services)
{
    /// <summary>A run that takes more steps than this is a definition bug, not a workload.</summary>
    public const int MaxStepsPerRun = 10_000;
    public const int MaxCommentLength = 4_000;

    public WorkflowServices Services { get; } = services;

    public async Task<WorkflowInstance> StartAsync(IWorkflowSession session, string definitionId, DossierFacts dossier, Actor actor, CancellationToken ct = default)
    {
        var definition = await Services.Definitions.GetLatestPublishedAsync(definitionId, ct)
            ?? throw new WorkflowException(WorkflowErrorCode.DefinitionNotFound, $"Chưa có quy trình '{definitionId}' được ban hành.");
        var run = NewRun(session, actor, ct);
        run.Dossiers[dossier.DossierId] = dossier;
        var instance = StartInstance(run, definition, dossier.DossierId, parent: null);
        await RunAsync(run);
        return instance;
    }

    public async Task<Bookmark> CompleteTaskAsync(IWorkflowSession session, Guid bookmarkId, TaskCompletion completion, CancellationToken ct = default)
    {
        var bookmark = await session.FindBookmarkAsync(bookmarkId, ct);
        if (bookmark is null || bookmark.Kind != BookmarkKind.HumanTask)
            throw new WorkflowException(WorkflowErrorCode.NotFound, "Không tìm thấy nhiệm vụ.");
        EnsureOpen(bookmark);
        if (!bookmark.Outcomes.Contains(completion.Outcome, StringComparer.Ordinal))
            throw new WorkflowException(WorkflowErrorCode.OutcomeNotAllowed,
                $"Lựa chọn '{completion.Outcome}' không hợp lệ cho bước \"{bookmark.NodeName}\" (được chọn: {string.Join(", ", bookmark.Outcomes)}).");
        var comment = string.IsNullOrWhiteSpace(completion.Comment) ? null : completion.Comment.Trim();
        if (comment is null && bookmark.OutcomesNeedingComment.Contains(completion.Outcome, StringComparer.Ordinal))
            throw new WorkflowException(WorkflowErrorCode.CommentRequired, "Cần nêu lý do khi trả lại hoặc không đồng ý.");
        if (comment is { Length: > MaxCommentLength })
            throw new WorkflowException(WorkflowErrorCode.InvalidInput, $"Ý kiến dài quá {MaxCommentLength} ký tự.");

        var run = NewRun(session, completion.Actor, ct);
        run.Comment = comment;
        bookmark.Status = BookmarkStatus.Completed;
        bookmark.Outcome = completion.Outcome;
        bookmark.Comment = comment;
        bookmark.CompletedAt = run.Now;
        bookmark.CompletedByUserId = completion.Actor.UserId;
        bookmark.CompletedByName = completion.Actor.Name;
        bookmark.IdempotencyKey = completion.IdempotencyKey;
        bookmark.Version++;

        var (instance, definition) = await LoadRunningAsync(run, bookmark.InstanceId);
        run.Journal(instance, JournalKinds.TaskCompleted, definition.FindNode(bookmark.NodeId), completion.Outcome, comment,
            bookmark.AssigneeOrgId is { } orgId ? new OrgRef(orgId, bookmark.AssigneeOrgName ?? "") : null, null);
        Follow(run, instance, definition, bookmark.NodeId, completion.Outcome);
        await RunAsync(run);
        return bookmark;
    }

    /// <summary>Records one member's ballot; the vote closes (and the instance moves on) when every member has voted.</summary>
    public async Task<Bookmark> CastVoteAsync(IWorkflowSession session, Guid bookmarkId, Actor voter, bool approve, CancellationToken ct = default)
    {
        var bookmark = await session.FindBookmarkAsync(bookmarkId, ct);
        if (bookmark is null || bookmark.Kind != BookmarkKind.Vote)
            throw new WorkflowException(WorkflowErrorCode.NotFound, "Không tìm thấy phiên bỏ phiếu.");
        EnsureOpen(bookmark);
        if (voter.UserId is not { } userId)
            throw new WorkflowException(WorkflowErrorCode.InvalidInput, "Chỉ thành viên Hội đồng mới được bỏ phiếu.");
        if (await session.HasVotedAsync(bookmark.Id, userId, ct))
            throw new WorkflowException(WorkflowErrorCode.AlreadyVoted, "Bạn đã bỏ phiếu cho hồ sơ này.");

        var run = NewRun(session, voter, ct);
        session.Add(new VoteBallot { Id = Guid.CreateVersion7(), BookmarkId = bookmark.Id, UserId = userId, CastAt = run.Now, Approve = bookmark.VoteSecret ? null : approve });
        if (approve)
            bookmark.VoteYes++;
        else
            bookmark.VoteNo++;
        bookmark.Version++;

        var (instance, definition) = await LoadRunningAsync(run, bookmark.InstanceId);
        var node = definition.FindNode(bookmark.NodeId);
        // A secret ballot journals only that the member voted, never the choice.
        run.Journal(instance, JournalKinds.VoteCast, node, bookmark.VoteSecret ? null : approve ? "Yes" : "No", null, null, null);
        if (bookmark.VoteYes + bookmark.VoteNo >= (bookmark.VoteMembers ?? 0))
            CloseVote(run, instance, definition, bookmark);
        else
            run.Touch(instance);
        await RunAsync(run);
        return bookmark;
    }

    /// <summary>Closes a vote before every member voted (absent members), deciding on the ballots cast so far.</summary>
    public async Task<Bookmark> CloseVoteAsync(IWorkflowSession session, Guid bookmarkId, Actor actor, CancellationToken ct = default)
    {
        var bookmark = await session.FindBookmarkAsync(bookmarkId, ct);
        if (bookmark is null || bookmark.Kind != BookmarkKind.Vote)
            throw new WorkflowException(WorkflowErrorCode.NotFound, "Không tìm thấy phiên bỏ phiếu.");
        EnsureOpen(bookmark);
        var run = NewRun(session, actor, ct);
        var (instance, definition) = await LoadRunningAsync(run, bookmark.InstanceId);
        CloseVote(run, instance, definition, bookmark);
        await RunAsync(run);
        return bookmark;
    }

    /// <summary>Fires a due timer. Returns false (and changes nothing) when it is not open or not yet due, so a second scheduler firing the same timer is harmless.</summary>
    public async Task<bool> FireTimerAsync(IWorkflowSession session, Guid bookmarkId, CancellationToken ct = default)
    {
        var bookmark = await session.FindBookmarkAsync(bookmarkId, ct);
        if (bookmark is null || bookmark.Kind != BookmarkKind.Timer || bookmark.Status != BookmarkStatus.Open)
            return false;
        var run = NewRun(session, Actor.System, ct);
        if (bookmark.ResumeAt > run.Now)
            return false;
        var instance = await session.FindInstanceAsync(bookmark.InstanceId, ct);
        if (instance is not { Status: InstanceStatus.Running })
            return false;
        var definition = await GetDefinitionAsync(instance, ct);
        bookmark.Status = BookmarkStatus.Completed;
        bookmark.Outcome = Outcomes.Fired;
        bookmark.CompletedAt = run.Now;
        bookmark.Version++;
        run.Journal(instance, JournalKinds.TimerFired, definition.FindNode(bookmark.NodeId), Outcomes.Fired, null, null, null);
        Follow(run, instance, definition, bookmark.NodeId, Outcomes.Fired);
        await RunAsync(run);
        return true;
    }

    private RunContext NewRun(IWorkflowSession session, Actor actor, CancellationToken ct) =>
        new(session, Services, actor, Services.Time.GetUtcNow().UtcDateTime, ct);

    private static void EnsureOpen(Bookmark bookmark)
    {
        if (bookmark.Status == BookmarkStatus.Open)
            return;
        var by = bookmark.CompletedByName is { } name ? $" bởi {name}" : "";
        var at = bookmark.CompletedAt is { } when ? $" lúc {when.AddHours(7):HH:mm dd/MM/yyyy}" : "";
        var what = bookmark.Status == BookmarkStatus.Cancelled ? "đã bị hủy" : $"đã được xử lý{by}{at}";
        throw new WorkflowException(WorkflowErrorCode.AlreadyClosed, $"Nhiệm vụ \"{bookmark.NodeName}\" {what}.");
    }

    private async Task<(WorkflowInstance, WorkflowDefinition)> LoadRunningAsync(RunContext run, Guid instanceId)
    {
        var instance = await run.Session.FindInstanceAsync(instanceId, run.CancellationToken)
            ?? throw new WorkflowException(WorkflowErrorCode.NotFound, "Không tìm thấy quy trình của hồ sơ.");
        if (instance.Status != InstanceStatus.Running)
            throw new WorkflowException(WorkflowErrorCode.InstanceNotRunning, "Quy trình của hồ sơ đã kết thúc.");
        return (instance, await GetDefinitionAsync(instance, run.CancellationToken));
    }

    private async Task<WorkflowDefinition> GetDefinitionAsync(WorkflowInstance instance, CancellationToken ct) =>
        await Services.Definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct)
        ?? throw new WorkflowException(WorkflowErrorCode.DefinitionNotFound, $"Không tìm thấy quy trình '{instance.DefinitionId}' phiên bản {instance.DefinitionVersion}.");

    private static WorkflowInstance StartInstance(RunContext run, WorkflowDefinition definition, Guid dossierId, Bookmark? parent)
    {
        var start = definition.StartNode
            ?? throw new WorkflowException(WorkflowErrorCode.Configuration, $"Quy trình '{definition.Id}' không có nút Bắt đầu.");
        var instance = new WorkflowInstance
        {
            Id = Guid.CreateVersion7(),
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
            DossierId = dossierId,
            ParentInstanceId = parent?.InstanceId,
            ParentBookmarkId = parent?.Id,
            Status = InstanceStatus.Running,
            CreatedAt = run.Now,
            UpdatedAt = run.Now,
        };
        run.Session.Add(instance);
        run.Touch(instance);
        run.Journal(instance, JournalKinds.Started, null, null, null, null, FormattableString.Invariant($"{{\"definition\":\"{definition.Id}\",\"version\":{definition.Version}}}"));
        run.Queue.AddLast(new WorkItem(instance, definition, start.Id));
        return instance;
    }

    private static void Follow(RunContext run, WorkflowInstance instance, WorkflowDefinition definition, string nodeId, string outcome)
    {
        run.Touch(instance);
        var edges = definition.Outgoing(nodeId).Where(e => e.Outcome == outcome).ToList();
        if (edges.Count == 0)
            throw new WorkflowException(WorkflowErrorCode.Configuration, $"Bước '{nodeId}' của quy trình '{definition.Id}' không có bước tiếp theo cho kết quả '{outcome}'.");
        foreach (var e in edges)
            run.Queue.AddLast(new WorkItem(instance, definition, e.To));
    }

    private static void CloseVote(RunContext run, WorkflowInstance instance, WorkflowDefinition definition, Bookmark vote)
    {
        var outcome = CouncilVoteActivity.Decide(vote);
        vote.Status = BookmarkStatus.Completed;
        vote.Outcome = outcome;
        vote.CompletedAt = run.Now;
        vote.Version++;
        var tally = FormattableString.Invariant($"{{\"yes\":{vote.VoteYes},\"no\":{vote.VoteNo},\"members\":{vote.VoteMembers ?? 0},\"threshold\":{vote.VoteThreshold ?? 1:0.####},\"quorum\":{vote.VoteQuorum ?? CouncilVoteActivity.DefaultQuorum:0.####}}}");
        run.Journal(instance, JournalKinds.VoteClosed, definition.FindNode(vote.NodeId), outcome, null,
            vote.AssigneeOrgId is { } orgId ? new OrgRef(orgId, vote.AssigneeOrgName ?? "") : null, tally, Actor.System);
        Follow(run, instance, definition, vote.NodeId, outcome);
    }

    private async Task RunAsync(RunContext run)
    {
        while (run.Queue.First is { } first)
        {
            run.Queue.RemoveFirst();
            var item = first.Value;
            if (item.Instance.Status != InstanceStatus.Running)
                continue;
            if (++run.Steps > MaxStepsPerRun)
                throw new WorkflowException(WorkflowErrorCode.StepLimit, $"Quy trình '{item.Definition.Id}' chạy quá {MaxStepsPerRun} bước liên tiếp mà không dừng chờ.");
            await ExecuteAsync(run, item);
        }
        foreach (var instance in run.Touched)
        {
            instance.StateJson = run.StateOf(instance).Serialize();
            instance.UpdatedAt = run.Now;
            instance.Version++;
        }
    }

    private async Task ExecuteAsync(RunContext run, WorkItem item)
    {
        var (instance, definition, nodeId) = item;
        var node = definition.GetNode(nodeId);
        var activity = Services.Activities.Find(node.Type)
            ?? throw new WorkflowException(WorkflowErrorCode.Configuration, $"Loại hoạt động '{node.Type}' không tồn tại.");
        if (node.Type == ActivityTypes.Join)
        {
            if (ArriveAtJoin(run, instance, definition, node) is not { } leftBehind)
                return;
            await CancelOpenBookmarksAsync(run, instance, leftBehind);
        }

        var dossier = await DossierAsync(run, instance.DossierId);
        var context = new Activities.ActivityContext(run, instance, definition, node, dossier);
        var result = await activity.ExecuteAsync(context);
        switch (result)
        {
            case ActivityResult.Continue c:
                Follow(run, instance, definition, node.Id, c.Outcome);
                break;
            case ActivityResult.Wait w:
                run.Session.Add(w.Bookmark);
                break;
            case ActivityResult.CallChild call:
                var child = await Services.Definitions.GetLatestPublishedAsync(call.DefinitionId, run.CancellationToken)
                    ?? throw new WorkflowException(WorkflowErrorCode.DefinitionNotFound, $"Chưa có quy trình con '{call.DefinitionId}' được ban hành.");
                run.Session.Add(call.Bookmark);
                var childInstance = StartInstance(run, child, instance.DossierId, call.Bookmark);
                call.Bookmark.ChildInstanceId = childInstance.Id;
                run.Journal(instance, JournalKinds.SubWorkflowStarted, node, null, null, null, FormattableString.Invariant($"{{\"definition\":\"{child.Id}\",\"version\":{child.Version}}}"));
                break;
            case ActivityResult.Complete done:
                await CompleteInstanceAsync(run, instance, node, done.Result, done.Label);
                break;
            case ActivityResult.Absorb:
                break;
        }
    }

    /// <summary>
    /// Counts an arrival. When the join fires, returns the nodes that feed it: branches still on their way
    /// (an any/N join does not wait for them) are cancelled so they cannot fire it a second time.
    /// </summary>
    private static HashSet<string>? ArriveAtJoin(RunContext run, WorkflowInstance instance, WorkflowDefinition definition, NodeDefinition join)
    {
        var state = run.StateOf(instance);
        var arrivals = state.JoinArrivals.GetValueOrDefault(join.Id) + 1;
        var required = JoinActivity.Required(join, definition.Incoming(join.Id).Count());
        if (arrivals < required)
        {
            state.JoinArrivals[join.Id] = arrivals;
            return null;
        }
        state.JoinArrivals.Remove(join.Id);
        return NodesReaching(definition, join.Id);
    }

    private static HashSet<string> NodesReaching(WorkflowDefinition definition, string target)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([target]);
        while (queue.TryDequeue(out var id))
            foreach (var e in definition.Incoming(id))
                if (e.From != target && result.Add(e.From))
                    queue.Enqueue(e.From);
        return result;
    }

    private async Task CompleteInstanceAsync(RunContext run, WorkflowInstance instance, NodeDefinition endNode, string result, string? label)
    {
        instance.Status = InstanceStatus.Completed;
        instance.Result = result;
        instance.CompletedAt = run.Now;
        if (label is not null)
            instance.StatusLabel = label;
        run.Touch(instance);
        await CancelOpenBookmarksAsync(run, instance, null);
        run.Journal(instance, JournalKinds.Ended, endNode, result, label, null, null);

        if (instance.ParentBookmarkId is not { } parentBookmarkId)
        {
            var state = result is DossierStates.Approved or DossierStates.Rejected or DossierStates.Withdrawn ? result : DossierStates.Approved;
            run.Session.DossierProgressChanged(instance.DossierId, new DossierProgress(label, null, state, result));
            return;
        }

        // A finished child resumes its caller on the child's result, in this same run.
        var bookmark = await run.Session.FindBookmarkAsync(parentBookmarkId, run.CancellationToken)
            ?? throw new WorkflowException(WorkflowErrorCode.NotFound, "Không tìm thấy bước gọi quy trình con.");
        if (bookmark.Status != BookmarkStatus.Open)
            return;
        var (parent, parentDefinition) = await LoadRunningAsync(run, bookmark.InstanceId);
        if (!bookmark.Outcomes.Contains(result, StringComparer.Ordinal))
            throw new WorkflowException(WorkflowErrorCode.Configuration, $"Quy trình con '{instance.DefinitionId}' kết thúc với '{result}' nhưng bước \"{bookmark.NodeName}\" không có nhánh cho kết quả đó.");
        bookmark.Status = BookmarkStatus.Completed;
        bookmark.Outcome = result;
        bookmark.CompletedAt = run.Now;
        bookmark.Version++;
        if (label is not null)
        {
            // The child's ending says why (e.g. "Không được Hội đồng thông qua"); keep it unless the caller says more.
            parent.StatusLabel = label;
            run.Session.DossierProgressChanged(instance.DossierId, new DossierProgress(label, null, null));
        }
        Follow(run, parent, parentDefinition, bookmark.NodeId, result);
    }

    private async Task CancelOpenBookmarksAsync(RunContext run, WorkflowInstance instance, HashSet<string>? onlyNodes)
    {
        foreach (var b in await run.Session.OpenBookmarksAsync(instance.Id, run.CancellationToken))
        {
            if (b.Status != BookmarkStatus.Open || (onlyNodes is not null && !onlyNodes.Contains(b.NodeId)))
                continue;
            b.Status = BookmarkStatus.Cancelled;
            b.CompletedAt = run.Now;
            b.Version++;
            if (b.ChildInstanceId is { } childId && await run.Session.FindInstanceAsync(childId, run.CancellationToken) is { Status: InstanceStatus.Running } child)
            {
                child.Status = InstanceStatus.Cancelled;
                child.CompletedAt = run.Now;
                run.Touch(child);
                await CancelOpenBookmarksAsync(run, child, null);
            }
        }
        for (var n = run.Queue.First; n is not null;)
        {
            var next = n.Next;
            if (n.Value.Instance == instance && (onlyNodes is null || onlyNodes.Contains(n.Value.NodeId)))
                run.Queue.Remove(n);
            n = next;
        }
    }

    private static async Task<DossierFacts> DossierAsync(RunContext run, Guid dossierId)
    {
        if (run.Dossiers.TryGetValue(dossierId, out var facts))
            return facts;
        facts = await run.Session.LoadDossierAsync(dossierId, run.CancellationToken)
            ?? throw new WorkflowException(WorkflowErrorCode.NotFound, "Không tìm thấy hồ sơ.");
        run.Dossiers[dossierId] = facts;
        return facts;
    }
}

/// <summary>A person's decision on a task.</summary>
public sealed record TaskCompletion(string Outcome, string? Comment, Actor Actor, string? IdempotencyKey = null);
