using System.Text.Json.Nodes;

namespace CxHost.Handler;

/// <summary>The result of one invocation as the host sees it.</summary>
/// <param name="Succeeded">True for a 2xx answer with a JSON body.</param>
/// <param name="Duration">From sending the envelope to the answer (or the failure).</param>
/// <param name="Failure">Why it failed, or null.</param>
/// <param name="Result">The handler's <c>{"Outputs","Logs","ReturnValue"}</c>, or null.</param>
public sealed record InvocationOutcome(bool Succeeded, TimeSpan Duration, string? Failure, JsonObject? Result)
{
    /// <summary>An output binding value from <c>Outputs</c>, or <c>ReturnValue</c> for <c>$return</c>.</summary>
    public JsonNode? Output(string bindingName) =>
        bindingName == "$return"
            ? Property("ReturnValue")
            : (Property("Outputs") as JsonObject)
                ?.FirstOrDefault(p => string.Equals(p.Key, bindingName, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// The handler's <c>Logs</c>: the lines the Functions host writes to the invocation's log, whatever the outcome (so a
    /// failed invocation's own reason is visible). Entries that are not strings are skipped.
    /// </summary>
    public IReadOnlyList<string> Logs =>
        Property("Logs") is JsonArray lines
            ? [.. lines.Where(l => l is JsonValue v && v.TryGetValue<string>(out _)).Select(l => l!.GetValue<string>())]
            : [];

    private JsonNode? Property(string name) =>
        Result?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
