using System.Text.Json;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Azure events the app does not model (a Storage <c>BlobCreated</c>, a Key Vault notice…) that reach the hub through
/// Event Grid, in the Event Grid or the CloudEvents schema, with an event type <c>Microsoft.*</c> other than
/// <c>Microsoft.Communication.*</c> (those are <see cref="AcsEventGridAdapter"/>'s). Every one is quarantined as
/// <c>unsupported-type</c>, naming the type, and counted under source <c>azure</c>, never as unknown.
/// </summary>
public sealed class AzureEventGridAdapter : ISourceAdapter
{
    /// <inheritdoc />
    public string Format => "azure-eventgrid";

    /// <inheritdoc />
    public string SourceSystem => "azure";

    /// <summary>
    /// The event type of an Event Grid event (<c>eventType</c> with <c>data</c> and <c>eventTime</c>) or of a CloudEvent
    /// (<c>type</c> with <c>specversion</c>), when it is a string; else null.
    /// </summary>
    public static JsonElement? TypeOf(JsonElement root)
    {
        if (root.TryGetProperty("eventType", out var type) && root.TryGetProperty("data", out _) && root.TryGetProperty("eventTime", out _))
        {
            return type.ValueKind == JsonValueKind.String ? type : null;
        }

        return root.TryGetProperty("specversion", out _) && root.TryGetProperty("type", out type) && type.ValueKind == JsonValueKind.String
            ? type
            : null;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["eventType", "specversion"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) => TypeOf(root) is { } type &&
        System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(type) is var raw &&
        raw.StartsWith("\"Microsoft."u8) && !raw.StartsWith("\"Microsoft.Communication."u8);

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root) => Rejection.Unsupported("Azure Event Grid", TypeOf(root)?.GetString());
}
