using System.Text.Json.Nodes;
using CxHost.Handler;

namespace CxHost.Tests.Handler;

public sealed class InvocationOutcomeTests
{
    [Fact]
    public void The_handlers_log_lines_are_read_from_a_failed_answer_as_from_a_successful_one()
    {
        var body = JsonNode.Parse(
            """{ "Outputs": {}, "Logs": ["IngestCxEvents: not an Event Hubs envelope", 7, null, "second"], "ReturnValue": null }""");
        var failed = new InvocationOutcome(false, TimeSpan.FromMilliseconds(5), "handler answered 500", body!.AsObject());

        Assert.Equal(["IngestCxEvents: not an Event Hubs envelope", "second"], failed.Logs);
    }

    [Theory]
    [InlineData("""{ "Outputs": {} }""")]
    [InlineData("""{ "logs": "not a list" }""")]
    public void No_log_lines_is_an_empty_list(string json)
    {
        Assert.Empty(new InvocationOutcome(true, TimeSpan.Zero, null, JsonNode.Parse(json)!.AsObject()).Logs);
        Assert.Empty(new InvocationOutcome(false, TimeSpan.Zero, "handler answered 500", null).Logs);
    }
}
