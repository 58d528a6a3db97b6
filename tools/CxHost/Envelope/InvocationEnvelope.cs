using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxHost.Envelope;

/// <summary>
/// Builds the body of <c>POST /{FunctionName}</c>: <c>{"Data": {...}, "Metadata": {...}}</c>, encoding each value as
/// <see cref="EnvelopeEncoding"/> says. Null values are left out, as the host skips null binding data.
/// </summary>
public sealed class InvocationEnvelope(EnvelopeEncoding encoding)
{
    /// <summary>
    /// Escapes only what JSON requires (quotes, backslashes, control characters), as Newtonsoft.Json does in the host;
    /// System.Text.Json's default would write <c>\u0022</c> for every quote.
    /// </summary>
    public static readonly JsonSerializerOptions WireFormat = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonObject _data = [];
    private readonly JsonObject _metadata = [];

    /// <summary>Adds a trigger or input value under its binding name.</summary>
    public InvocationEnvelope Data(string name, JsonNode? value)
    {
        if (value is not null)
        {
            _data[name] = Encode(value, encoding);
        }

        return this;
    }

    /// <summary>Adds a trigger metadata value. Names ending in <c>Trigger</c> are skipped, as the host skips them.</summary>
    public InvocationEnvelope Metadata(string name, JsonNode? value)
    {
        if (value is not null && !name.EndsWith("trigger", StringComparison.OrdinalIgnoreCase))
        {
            _metadata[name] = Encode(value, encoding);
        }

        return this;
    }

    /// <summary>Adds the host's <c>sys</c> metadata object (MethodName, UtcNow, RandGuid).</summary>
    public InvocationEnvelope Sys(string functionName, DateTimeOffset now) =>
        Metadata("sys", new JsonObject
        {
            ["MethodName"] = functionName,
            ["UtcNow"] = now.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["RandGuid"] = Guid.NewGuid().ToString(),
        });

    /// <summary>The envelope as JSON.</summary>
    public JsonObject ToJson() => new() { ["Data"] = _data.DeepClone(), ["Metadata"] = _metadata.DeepClone() };

    /// <summary>
    /// Encodes one value: in <see cref="EnvelopeEncoding.DoubleEncoded"/>, anything but an object becomes a string holding its JSON.
    /// </summary>
    public static JsonNode Encode(JsonNode value, EnvelopeEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(value);
        var copy = value.DeepClone();
        return encoding == EnvelopeEncoding.Plain || copy.GetValueKind() == JsonValueKind.Object
            ? copy
            : JsonValue.Create(copy.ToJsonString(WireFormat));
    }
}
