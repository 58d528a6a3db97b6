using CxHost.Configuration;

namespace CxHost.Tests.Configuration;

public sealed class FunctionDefinitionTests
{
    private static readonly AppSettings Settings = new(new Dictionary<string, string> { ["CxEventHubName"] = "cx-events", ["Group"] = "g1" });

    [Fact]
    public void Parse_resolves_setting_references_in_binding_properties()
    {
        var function = FunctionDefinition.Parse("Ingest", """
            {
              "bindings": [
                { "type": "eventHubTrigger", "name": "events", "direction": "in", "eventHubName": "%CxEventHubName%",
                  "consumerGroup": "%Group%-x", "cardinality": "many", "dataType": "string", "connection": "EventHubConnection" }
              ],
              "retry": { "strategy": "exponentialBackoff", "maxRetryCount": -1, "minimumInterval": "00:00:01", "maximumInterval": "00:01:00" }
            }
            """, Settings);

        Assert.Equal("eventHubTrigger", function.Trigger.Type);
        Assert.Equal("cx-events", function.Trigger.Get("eventHubName"));
        Assert.Equal("g1-x", function.Trigger.Get("consumerGroup"));
        Assert.Equal(new RetryPolicy(true, -1, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)), function.Retry);
    }

    [Fact]
    public void Parse_names_a_missing_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionDefinition.Parse("Work", """
            { "bindings": [ { "type": "queueTrigger", "name": "m", "direction": "in", "queueName": "%NoSuchQueue%" } ] }
            """, Settings));
        Assert.Contains("NoSuchQueue", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "bindings": [] }""", "exactly one trigger")]
    [InlineData("""{ "bindings": [ { "type": "timerTrigger", "name": "a", "schedule": "* * * * * *" }, { "type": "queueTrigger", "name": "b", "queueName": "q" } ] }""", "exactly one trigger")]
    [InlineData("""{ "nothing": true }""", "no 'bindings' array")]
    [InlineData("""{ "bindings": [ { "name": "a" } ] }""", "without 'type'")]
    public void Parse_rejects_malformed_definitions(string json, string reason)
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionDefinition.Parse("F", json, Settings));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_include_return_and_http_bindings()
    {
        var function = FunctionDefinition.Parse("Health", """
            { "bindings": [ { "type": "httpTrigger", "name": "req", "direction": "in", "methods": ["get"] },
                            { "type": "http", "name": "$return", "direction": "out" } ] }
            """, Settings);
        Assert.Equal("$return", Assert.Single(function.Outputs).Name);
        Assert.Null(function.Retry);
    }
}
