using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Workflows.Definitions;

/// <summary>
/// Rejects definitions that cannot run correctly, with one located message per problem. The engine
/// refuses to publish or start anything this returns errors for, and the designer shows the same list.
/// </summary>
public sealed class DefinitionValidator(ActivityRegistry registry)
{
    public static DefinitionValidator Default { get; } = new(ActivityRegistry.Default);

    public IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition, ValidationContext? context = null)
    {
        context ??= ValidationContext.Empty;
        var errors = new List<ValidationError>();
        var nodes = new Dictionary<string, NodeDefinition>(StringComparer.Ordinal);

        foreach (var node in definition.Nodes)
        {
            if (!nodes.TryAdd(node.Id, node))
            {
                errors.Add(new ValidationError("duplicate-node", "Mã nút bị trùng.", node.Id, "id"));
                continue;
            }
            var activity = registry.Find(node.Type);
            if (activity is null)
            {
                errors.Add(new ValidationError("unknown-type", $"Loại hoạt động '{node.Type}' không tồn tại.", node.Id, "type"));
                continue;
            }
            ValidateSettings(node, activity, errors);
            activity.Validate(node, context, errors);
        }

        var starts = definition.Nodes.Where(n => n.Type == ActivityTypes.Start).ToList();
        if (starts.Count == 0)
            errors.Add(new ValidationError("no-start", "Quy trình cần một nút Bắt đầu (Start)."));
        foreach (var extra in starts.Skip(1))
            errors.Add(new ValidationError("many-starts", "Quy trình chỉ được có một nút Bắt đầu.", extra.Id, "type"));
        if (!definition.Nodes.Any(n => n.Type == ActivityTypes.End))
            errors.Add(new ValidationError("no-end", "Quy trình cần ít nhất một nút Kết thúc (End)."));

        ValidateEdges(definition, nodes, errors);
        if (starts.Count >= 1)
            ValidateReachability(definition, starts[0], nodes, errors);
        ValidateLoops(definition, nodes, errors);
        return errors;
    }

    private static void ValidateSettings(NodeDefinition node, Activity activity, List<ValidationError> errors)
    {
        foreach (var spec in activity.Settings)
        {
            var s = node.Settings;
            if (!s.Has(spec.Name))
            {
                if (spec.Required)
                    errors.Add(new ValidationError("required", $"Thiếu \"{spec.Label}\".", node.Id, spec.Name));
                continue;
            }
            string? problem = spec.Kind switch
            {
                SettingKind.Integer => s.GetInt(spec.Name) is >= 0 and <= 3650 ? null : "phải là số nguyên từ 0 đến 3650",
                SettingKind.Fraction => s.GetDouble(spec.Name) is > 0 and <= 1 ? null : "phải là tỷ lệ trong (0, 1], ví dụ 0.8 hoặc \"2/3\"",
                SettingKind.Boolean => s.GetBool(spec.Name) is null ? "phải là true hoặc false" : null,
                SettingKind.Role => Roles.All.Contains(s.GetString(spec.Name) ?? "") ? null : $"phải là một vai trò: {string.Join(", ", Roles.All)}",
                SettingKind.Organization => OrgSelectors.IsValid(s.GetString(spec.Name)) ? null : $"phải là {string.Join(", ", OrgSelectors.Relative)} hoặc org:<mã>",
                SettingKind.Outcomes or SettingKind.Recipients => s.GetStringList(spec.Name).Count > 0 ? null : "cần ít nhất một giá trị",
                SettingKind.Choice => spec.Choices!.Contains(s.GetString(spec.Name) ?? "") ? null : $"phải là một trong: {string.Join(", ", spec.Choices!)}",
                SettingKind.Cases => null,
                _ => s.GetString(spec.Name) is null ? "phải là chuỗi" : null,
            };
            if (problem is not null)
                errors.Add(new ValidationError("invalid-setting", $"\"{spec.Label}\" {problem}.", node.Id, spec.Name));
        }
    }

    private void ValidateEdges(WorkflowDefinition definition, Dictionary<string, NodeDefinition> nodes, List<ValidationError> errors)
    {
        var seen = new HashSet<(string, string, string)>();
        var perOutcome = new Dictionary<(string, string), int>();
        for (var i = 0; i < definition.Edges.Count; i++)
        {
            var e = definition.Edges[i];
            if (e.From.Length == 0 || e.To.Length == 0)
                continue;
            var fromOk = nodes.TryGetValue(e.From, out var from);
            if (!fromOk)
                errors.Add(new ValidationError("dangling-edge", $"Cạnh đi từ nút không tồn tại '{e.From}'.", Field: "from", EdgeIndex: i));
            if (!nodes.ContainsKey(e.To))
            {
                errors.Add(new ValidationError("dangling-edge", $"Cạnh đi tới nút không tồn tại '{e.To}'.", Field: "to", EdgeIndex: i));
                continue;
            }
            if (!seen.Add((e.From, e.Outcome, e.To)))
                errors.Add(new ValidationError("duplicate-edge", $"Cạnh {e.From} —{e.Outcome}→ {e.To} bị lặp.", e.From, "edges", i));
            if (from is null || registry.Find(from.Type) is not { } activity)
                continue;
            if (from.Type == ActivityTypes.Start && e.To == from.Id)
                errors.Add(new ValidationError("self-edge", "Nút Bắt đầu không thể nối vào chính nó.", e.From, "edges", i));
            var outcomes = activity.DeclaredOutcomes(from);
            if (!outcomes.Contains(e.Outcome))
                errors.Add(new ValidationError("unknown-outcome",
                    outcomes.Count == 0 ? $"Nút '{e.From}' không có cạnh đi ra." : $"Nút '{e.From}' không có kết quả '{e.Outcome}' (có: {string.Join(", ", outcomes)}).",
                    e.From, "outcome", i));
            var key = (e.From, e.Outcome);
            perOutcome[key] = perOutcome.GetValueOrDefault(key) + 1;
            if (perOutcome[key] == 2 && !activity.AllowsParallelEdges)
                errors.Add(new ValidationError("ambiguous-outcome", $"Kết quả '{e.Outcome}' có nhiều cạnh; dùng nút Rẽ song song (Fork) để chạy song song.", e.From, "outcome", i));
        }

        foreach (var node in nodes.Values)
        {
            if (registry.Find(node.Type) is not { } activity)
                continue;
            foreach (var outcome in activity.DeclaredOutcomes(node))
            {
                if (!definition.Outgoing(node.Id).Any(e => e.Outcome == outcome))
                    errors.Add(new ValidationError("missing-edge", $"Kết quả '{outcome}' chưa được nối tới bước tiếp theo.", node.Id, "outcome"));
            }
            if (node.Type == ActivityTypes.Join && !definition.Incoming(node.Id).Any())
                errors.Add(new ValidationError("join-without-input", "Nút Hợp nhánh chưa có cạnh đi vào.", node.Id));
        }
    }

    private static void ValidateReachability(WorkflowDefinition definition, NodeDefinition start, Dictionary<string, NodeDefinition> nodes, List<ValidationError> errors)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { start.Id };
        var queue = new Queue<string>([start.Id]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var e in definition.Outgoing(id))
                if (nodes.ContainsKey(e.To) && reached.Add(e.To))
                    queue.Enqueue(e.To);
        }
        foreach (var node in nodes.Values.Where(n => !reached.Contains(n.Id)))
            errors.Add(new ValidationError("unreachable", "Không thể đi tới nút này từ nút Bắt đầu.", node.Id));
    }

    /// <summary>Every cycle must pass a wait state; otherwise the runtime would spin without a person or a timer ever being asked.</summary>
    private void ValidateLoops(WorkflowDefinition definition, Dictionary<string, NodeDefinition> nodes, List<ValidationError> errors)
    {
        // Remove wait states from the graph; any cycle left in what remains is a loop with no wait.
        bool Passable(string id) => nodes.TryGetValue(id, out var n) && registry.Find(n.Type) is { IsWaitState: false };
        foreach (var scc in StronglyConnected(nodes.Keys.Where(Passable).ToList(), id => definition.Outgoing(id).Select(e => e.To).Where(Passable)))
        {
            var cyclic = scc.Count > 1 || definition.Outgoing(scc[0]).Any(e => e.To == scc[0]);
            if (cyclic)
                errors.Add(new ValidationError("loop-without-wait", $"Vòng lặp qua {string.Join(" → ", scc)} không có bước chờ (phê duyệt, bỏ phiếu, hẹn giờ…).", scc[0]));
        }
    }

    private static List<List<string>> StronglyConnected(List<string> vertices, Func<string, IEnumerable<string>> next)
    {
        // Tarjan, iterative so that a large generated graph cannot overflow the stack.
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var onStack = new HashSet<string>();
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        var counter = 0;
        foreach (var root in vertices)
        {
            if (index.ContainsKey(root))
                continue;
            var work = new Stack<(string Node, IEnumerator<string> Edges)>();
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack.Add(root);
            work.Push((root, next(root).GetEnumerator()));
            while (work.Count > 0)
            {
                var (v, edges) = work.Peek();
                if (edges.MoveNext())
                {
                    var w = edges.Current;
                    if (!index.ContainsKey(w))
                    {
                        index[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack.Add(w);
                        work.Push((w, next(w).GetEnumerator()));
                    }
                    else if (onStack.Contains(w))
                        low[v] = Math.Min(low[v], index[w]);
                    continue;
                }
                work.Pop();
                if (work.Count > 0)
                    low[work.Peek().Node] = Math.Min(low[work.Peek().Node], low[v]);
                if (low[v] != index[v])
                    continue;
                var component = new List<string>();
                string x;
                do
                {
                    x = stack.Pop();
                    onStack.Remove(x);
                    component.Add(x);
                }
                while (x != v);
                component.Reverse();
                result.Add(component);
            }
        }
        return result;
    }
}
