using System.Text.Json.Nodes;

namespace CxServerless.EndToEnd.Tests.CxHost;

/// <summary>function.json documents for the fixture apps.</summary>
internal static class FunctionJson
{
    public static JsonObject Trigger(JsonObject trigger, JsonObject? retry = null, params JsonObject[] outputs)
    {
        var bindings = new JsonArray(trigger);
        foreach (var output in outputs)
        {
            bindings.Add(output);
        }

        var function = new JsonObject { ["bindings"] = bindings };
        if (retry is not null)
        {
            function["retry"] = retry;
        }

        return function;
    }

    public static JsonObject EventHub(string hub, int maxRetryCount = 0, string delay = "00:00:00.100") => Trigger(
        new JsonObject
        {
            ["type"] = "eventHubTrigger",
            ["name"] = "events",
            ["direction"] = "in",
            ["eventHubName"] = hub,
            ["connection"] = "EventHubConnection",
            ["cardinality"] = "many",
            ["dataType"] = "string",
        },
        maxRetryCount == 0 ? null : new JsonObject { ["strategy"] = "fixedDelay", ["maxRetryCount"] = maxRetryCount, ["delayInterval"] = delay });

    public static JsonObject Queue(string queue) => Trigger(new JsonObject
    {
        ["type"] = "queueTrigger",
        ["name"] = "message",
        ["direction"] = "in",
        ["queueName"] = queue,
        ["connection"] = "AzureWebJobsStorage",
    });

    public static JsonObject Timer(string schedule, bool runOnStartup) => Trigger(new JsonObject
    {
        ["type"] = "timerTrigger",
        ["name"] = "timer",
        ["direction"] = "in",
        ["schedule"] = schedule,
        ["runOnStartup"] = runOnStartup,
    });

    public static JsonObject Http(string route, params string[] methods) => Trigger(
        new JsonObject
        {
            ["type"] = "httpTrigger",
            ["name"] = "req",
            ["direction"] = "in",
            ["authLevel"] = "anonymous",
            ["route"] = route,
            ["methods"] = new JsonArray([.. methods.Select(m => (JsonNode)JsonValue.Create(m))]),
        },
        null,
        new JsonObject { ["type"] = "http", ["name"] = "res", ["direction"] = "out" });
}
