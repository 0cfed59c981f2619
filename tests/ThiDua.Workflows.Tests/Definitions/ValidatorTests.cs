using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Tests.Support;

namespace ThiDua.Workflows.Tests.Definitions;

public sealed class ValidatorTests
{
    private static IReadOnlyList<ValidationError> ReadAndValidate(string json)
    {
        var read = DefinitionReader.Read(json);
        return read.Definition is null ? read.Errors : [.. read.Errors, .. DefinitionValidator.Default.Validate(read.Definition)];
    }

    [Theory]
    [InlineData("unknown-type.json", "unknown-type", "x", "type")]
    [InlineData("dangling-edge.json", "dangling-edge", null, "to")]
    [InlineData("duplicate-edge.json", "duplicate-edge", "start", "edges")]
    [InlineData("unreachable.json", "unreachable", "orphan", null)]
    [InlineData("outcome-without-edge.json", "missing-edge", "leader", "outcome")]
    [InlineData("loop-without-wait.json", "loop-without-wait", "a", null)]
    [InlineData("missing-setting.json", "required", "vote", "threshold")]
    [InlineData("bad-setting-value.json", "invalid-setting", "leader", "role")]
    [InlineData("bad-setting-value.json", "invalid-setting", "leader", "org")]
    [InlineData("unknown-outcome.json", "unknown-outcome", "start", "outcome")]
    public void Each_mistake_is_reported_on_the_node_and_field_to_fix(string fixture, string code, string? nodeId, string? field)
    {
        var errors = ReadAndValidate(Engine.Fixture(Path.Combine("invalid", fixture)));
        Assert.Contains(errors, e => e.Code == code && e.NodeId == nodeId && e.Field == field);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void The_dangling_edge_message_names_the_missing_node()
    {
        var error = Assert.Single(ReadAndValidate(Engine.Fixture("invalid/dangling-edge.json")));
        Assert.Equal(1, error.EdgeIndex);
        Assert.Contains("'ghost'", error.Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{ not json", "json")]
    [InlineData("[1,2,3]", "json")]
    [InlineData("{\"id\":\"x\",\"name\":\"x\",\"nodes\":[]}", "schema")]
    public void Malformed_input_is_reported_not_thrown(string json, string code)
    {
        var read = DefinitionReader.Read(json);
        Assert.False(read.Success);
        Assert.Contains(read.Errors, e => e.Code == code);
    }

    [Fact]
    public void Every_chain_in_the_workflows_folder_is_valid_including_its_calls_to_sub_workflows()
    {
        var definitions = Engine.Directory_GetChainFiles().Select(f => DefinitionReader.Read(File.ReadAllText(f))).ToList();
        Assert.All(definitions, d => Assert.True(d.Success, string.Join("\n", d.Errors)));
        var results = definitions.ToDictionary(d => d.Definition!.Id, d => (IReadOnlyList<string>)d.Definition!.Nodes
            .Where(n => n.Type == ActivityTypes.End).Select(n => n.Settings.GetString("result")!).Distinct().ToList());
        var context = new ValidationContext(SubWorkflowResults: id => results.GetValueOrDefault(id));
        foreach (var d in definitions)
        {
            var errors = DefinitionValidator.Default.Validate(d.Definition!, context);
            Assert.True(errors.Count == 0, $"{d.Definition!.Id}:\n{string.Join("\n", errors)}");
        }
        Assert.Equal(8, definitions.Count);
    }

    [Fact]
    public void A_call_to_a_sub_workflow_must_route_every_result_it_can_return()
    {
        var json = File.ReadAllText(Engine.Directory_GetChainFiles().Single(f => f.EndsWith("giay-khen.json", StringComparison.Ordinal)));
        var read = DefinitionReader.Read(json);
        var context = new ValidationContext(SubWorkflowResults: id => id == "cap-so" ? ["Approved", "Rejected", "Withdrawn", "Escalated"] : ["Approved", "Rejected", "Withdrawn"]);
        var error = Assert.Single(DefinitionValidator.Default.Validate(read.Definition!, context));
        Assert.Equal("xet-cap-so", error.NodeId);
        Assert.Contains("Escalated", error.Message);
    }

    [Fact]
    public void Writing_and_reading_back_gives_the_same_definition()
    {
        foreach (var file in Engine.Directory_GetChainFiles())
        {
            var first = DefinitionReader.Read(File.ReadAllText(file)).Definition!;
            var written = DefinitionWriter.Write(first);
            var second = DefinitionReader.Read(written).Definition!;
            Assert.Equal(written, DefinitionWriter.Write(second));
            Assert.Equal(first.Nodes.Select(n => (n.Id, n.Type, n.Name, n.Settings.ToJsonString())), second.Nodes.Select(n => (n.Id, n.Type, n.Name, n.Settings.ToJsonString())));
            Assert.Equal(first.Edges, second.Edges);
            Assert.DoesNotContain("\\u", written, StringComparison.Ordinal); // Vietnamese stays readable, not \u-escaped
            Assert.Contains(first.Name, written, StringComparison.Ordinal);
        }
    }
}
