using System.Text.Json.Nodes;

namespace CxServerless.Functions.Invocation;

/// <summary>
/// The handler's answer to one invocation: <c>{"Outputs":{...},"Logs":[...],"ReturnValue":...}</c>, always HTTP 200 with a
/// JSON body unless the invocation must fail (ARCHITECTURE §4: an empty body makes the host wait until <c>functionTimeout</c>).
/// </summary>
public sealed class InvocationResult
{
    /// <summary>Output binding values by binding name.</summary>
    public JsonObject Outputs { get; } = [];

    /// <summary>Log lines the host writes to its own log for this invocation. They must never contain PII.</summary>
    public List<string> Logs { get; } = [];

    /// <summary>The function's return value (bound to <c>$return</c>), or null.</summary>
    public JsonNode? ReturnValue { get; set; }

    /// <summary>True when the invocation failed and the host must apply its retry policy.</summary>
    public bool Failed { get; private init; }

    /// <summary>The failure reason, when <see cref="Failed"/>.</summary>
    public string? Error { get; private init; }

    /// <summary>A successful, empty result.</summary>
    public static InvocationResult Ok() => new();

    /// <summary>A failed invocation: the host retries it according to the function's retry policy.</summary>
    public static InvocationResult Fail(string error) => new() { Failed = true, Error = error };

    /// <summary>Adds a log line and returns this result.</summary>
    public InvocationResult Log(string line)
    {
        Logs.Add(line);
        return this;
    }

    /// <summary>The JSON envelope the host expects.</summary>
    public JsonObject ToJson()
    {
        var logs = new JsonArray();
        foreach (var line in Logs)
        {
            logs.Add(line);
        }

        var json = new JsonObject
        {
            ["Outputs"] = Outputs.DeepClone(),
            ["Logs"] = logs,
            ["ReturnValue"] = ReturnValue?.DeepClone(),
        };
        if (Failed)
        {
            json["Error"] = Error;
        }

        return json;
    }
}
