using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CxServerless.Domain.Events;

namespace CxSim.Formats;

/// <summary>Writes <see cref="CxEvent"/> as canonical JSON: property names as declared, enums as strings, nulls omitted.</summary>
public sealed class CanonicalEventEncoder : IEventEncoder
{
    /// <summary>The one instance.</summary>
    public static CanonicalEventEncoder Instance { get; } = new();

    /// <summary>The serializer options of the canonical wire format.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitUnsetIngestTime } },
    };

    /// <summary>The format name.</summary>
    public const string Format = "canonical";

    /// <inheritdoc />
    public EncodedBody Encode(CxEvent cxEvent) => new(ToJson(cxEvent), Format);

    /// <summary>The event as canonical JSON.</summary>
    public static string ToJson(CxEvent cxEvent) => JsonSerializer.Serialize(cxEvent, JsonOptions);

    // IngestTime is the pipeline's to set; a producer leaves it out rather than sending 0001-01-01.
    private static void OmitUnsetIngestTime(JsonTypeInfo info)
    {
        if (info.Type != typeof(CxEvent))
        {
            return;
        }

        foreach (var property in info.Properties.Where(p => p.Name == nameof(CxEvent.IngestTime)))
        {
            property.ShouldSerialize = (_, value) => value is DateTimeOffset t && t != default;
        }
    }

    /// <summary>Reads canonical JSON back (used by tests and tools).</summary>
    public static CxEvent? Decode(string json) => JsonSerializer.Deserialize<CxEvent>(json, JsonOptions);
}
