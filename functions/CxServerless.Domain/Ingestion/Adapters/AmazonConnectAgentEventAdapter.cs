using System.Text.Json;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Amazon Connect agent event streams (<c>AgentARN</c>, <c>EventType</c> <c>HEART_BEAT</c>, <c>LOGIN</c>,
/// <c>LOGOUT</c>, <c>STATE_CHANGE</c>): agent state, not contacts. The app does not model them yet; every one is
/// quarantined as <c>unsupported-type</c> naming the event type, under source <c>amazon-connect</c>.
/// </summary>
public sealed class AmazonConnectAgentEventAdapter : ISourceAdapter
{
    /// <inheritdoc />
    public string Format => "amazon-connect-agent-event";

    /// <inheritdoc />
    public string SourceSystem => "amazon-connect";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["AgentARN"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) => root.TryGetProperty("AgentARN", out _) && root.TryGetProperty("EventType", out _);

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root) =>
        Rejection.Unsupported(
            "Amazon Connect agent event",
            FieldReader.At(root, "EventType") is { ValueKind: JsonValueKind.String } t ? t.GetString() : null);
}
