using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxServerless.Functions.Invocation;

/// <summary>Where an Event Hubs batch came from (<c>Metadata.PartitionContext</c>).</summary>
public sealed record PartitionContext(string PartitionId, string EventHubName, string ConsumerGroup, string FullyQualifiedNamespace);

/// <summary>One event of a batch with its index-aligned metadata.</summary>
/// <param name="Body">The event body as the host delivered it (<c>dataType: string</c>).</param>
/// <param name="PartitionKey">The producer's partition key, or null.</param>
/// <param name="Offset">The event's offset in its partition, as text.</param>
/// <param name="SequenceNumber">The event's sequence number in its partition.</param>
/// <param name="EnqueuedTimeUtc">When Event Hubs accepted the event.</param>
/// <param name="Properties">Application (user) properties.</param>
/// <param name="SystemProperties">System properties, as the host sent them.</param>
public sealed record EventHubEvent(
    string Body,
    string? PartitionKey,
    string? Offset,
    long SequenceNumber,
    DateTimeOffset? EnqueuedTimeUtc,
    JsonObject Properties,
    JsonObject SystemProperties);

/// <summary>An Event Hubs trigger invocation (<c>cardinality: many</c>, <c>dataType: string</c>).</summary>
public sealed record EventHubBatch(PartitionContext Partition, IReadOnlyList<EventHubEvent> Events)
{
    /// <summary>
    /// Reads the batch bound to <paramref name="bindingName"/>. Returns null with a reason when the envelope is not an
    /// Event Hubs batch (missing bodies, metadata arrays that do not line up with the bodies).
    /// </summary>
    public static EventHubBatch? TryRead(InvocationRequest request, string bindingName, out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bodies = EncodedJson.ReadArray(request.Data[bindingName]);
        if (bodies is null)
        {
            // A single event (cardinality one) arrives as a string; accept it as a batch of one.
            var single = request.Data[bindingName];
            if (single is null)
            {
                error = $"Data.{bindingName} is missing.";
                return null;
            }

            bodies = [single.DeepClone()];
        }

        var meta = request.Metadata;
        var context = EncodedJson.ReadObject(meta["PartitionContext"]);
        var partition = new PartitionContext(
            EncodedJson.ReadString(context?["PartitionId"]) ?? ReadScalarText(context?["PartitionId"]) ?? "0",
            EncodedJson.ReadString(context?["EventHubName"]) ?? string.Empty,
            EncodedJson.ReadString(context?["ConsumerGroup"]) ?? string.Empty,
            EncodedJson.ReadString(context?["FullyQualifiedNamespace"]) ?? string.Empty);

        var keys = EncodedJson.ReadArray(meta["PartitionKeyArray"]);
        var offsets = EncodedJson.ReadArray(meta["OffsetArray"]);
        var sequences = EncodedJson.ReadArray(meta["SequenceNumberArray"]);
        var enqueued = EncodedJson.ReadArray(meta["EnqueuedTimeUtcArray"]);
        var properties = EncodedJson.ReadArray(meta["PropertiesArray"]);
        var systemProperties = EncodedJson.ReadArray(meta["SystemPropertiesArray"]);

        var arrays = new[]
        {
            ("PartitionKeyArray", keys),
            ("OffsetArray", offsets),
            ("SequenceNumberArray", sequences),
            ("EnqueuedTimeUtcArray", enqueued),
            ("PropertiesArray", properties),
            ("SystemPropertiesArray", systemProperties),
        };
        foreach (var (name, array) in arrays)
        {
            if (array is not null && array.Count != bodies.Count)
            {
                error = $"Metadata.{name} has {array.Count} entries for {bodies.Count} events.";
                return null;
            }
        }

        var events = new List<EventHubEvent>(bodies.Count);
        for (var i = 0; i < bodies.Count; i++)
        {
            events.Add(new EventHubEvent(
                BodyText(bodies[i]),
                ReadScalarText(keys?[i]),
                ReadScalarText(offsets?[i]),
                EncodedJson.ReadInt64(sequences?[i]) ?? -1,
                ParseEnqueuedTime(ReadScalarText(enqueued?[i])),
                EncodedJson.ReadObject(properties?[i]) ?? [],
                EncodedJson.ReadObject(systemProperties?[i]) ?? []));
        }

        error = null;
        return new EventHubBatch(partition, events);
    }

    /// <summary>Parses the host's enqueued time, which is UTC written without a <c>Z</c>.</summary>
    public static DateTimeOffset? ParseEnqueuedTime(string? text) =>
        DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;

    private static string BodyText(JsonNode? node) => node switch
    {
        null => string.Empty,
        // With dataType string every body is a string; any other shape is kept as its JSON text, never dropped.
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static string? ReadScalarText(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.String => EncodedJson.ReadString(node),
        JsonValueKind.Number => node.ToJsonString(),
        _ => node.ToJsonString(),
    };
}
