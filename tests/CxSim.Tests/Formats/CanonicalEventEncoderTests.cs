using System.Text.Json.Nodes;
using CxSim.Formats;
using CxSim.Generation;
using CxSim.Tests.Generation;

namespace CxSim.Tests.Formats;

/// <summary>The one-pass encoder writes the same JSON as the node-based form the malformed-event builder starts from.</summary>
public sealed class CanonicalEventEncoderTests
{
    [Fact]
    public void ToJson_writes_the_same_json_as_the_node_form_for_every_generated_event()
    {
        var scenario = TestScenarios.Hours(1) with { PiiShare = 0.3 };
        var events = new TrafficGenerator(scenario).Valid();
        Assert.Contains(events, e => e.AgentKey is not null);
        Assert.Contains(events, e => e.AgentKey is null && e.CustomerKey is not null);

        foreach (var e in events)
        {
            var json = CanonicalEventEncoder.ToJson(e);
            Assert.True(JsonNode.DeepEquals(CanonicalEventEncoder.ToNode(e), JsonNode.Parse(json)), json);
        }
    }

    [Fact]
    public void ToJson_escapes_identifiers_like_the_serializer()
    {
        var e = new TrafficGenerator(TestScenarios.Hours(0.1)).Valid()[0] with { AgentKey = "a\"b\\c<é>", CustomerKey = "x\ny" };
        var json = CanonicalEventEncoder.ToJson(e);
        Assert.True(JsonNode.DeepEquals(CanonicalEventEncoder.ToNode(e), JsonNode.Parse(json)), json);
        var decoded = CanonicalEventEncoder.Decode(json)!;
        Assert.Equal(("a\"b\\c<é>", "x\ny"), (decoded.AgentKey, decoded.CustomerKey));
    }
}
