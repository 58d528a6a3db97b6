using System.Text.Json.Nodes;

namespace CxServerless.Functions.Tests.Tasks;

/// <summary>What an inbox function answered: the status and the JSON body (a problem on errors).</summary>
internal sealed record InboxAnswer(int Status, JsonObject Body, JsonObject? Headers = null)
{
    public JsonObject Task => Body["task"]!.AsObject();

    public string? Detail => Body["detail"]?.GetValue<string>();

    public IReadOnlyList<JsonObject> Timeline => [.. Body["timeline"]!.AsArray().Select(e => e!.AsObject())];

    public IReadOnlyList<string> TaskIds => [.. Body["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<string>())];
}
