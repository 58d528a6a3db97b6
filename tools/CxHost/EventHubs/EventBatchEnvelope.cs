using System.Globalization;
using System.Text.Json.Nodes;
using CxHost.Envelope;

namespace CxHost.EventHubs;

/// <summary>
/// Builds the invocation for Event Hubs events as the Event Hubs extension binds them: with <c>cardinality: many</c>,
/// <c>Data.{name}</c> holds the bodies as strings and Metadata the index-aligned <c>PartitionKeyArray</c>,
/// <c>OffsetArray</c>, <c>SequenceNumberArray</c>, <c>EnqueuedTimeUtcArray</c> (UTC without <c>Z</c>),
/// <c>PropertiesArray</c>, <c>SystemPropertiesArray</c> plus the <c>PartitionContext</c> object; with cardinality one, the
/// same names without <c>Array</c>.
/// </summary>
public static class EventBatchEnvelope
{
    /// <summary>The envelope for <paramref name="events"/> (one event when <paramref name="binding"/> is cardinality one).</summary>
    public static JsonObject Build(
        string functionName,
        string bindingName,
        EventHubBinding binding,
        string partitionId,
        IReadOnlyList<LoggedEvent> events,
        EnvelopeEncoding encoding,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(events);
        var envelope = new InvocationEnvelope(encoding);
        var context = new JsonObject
        {
            ["ConsumerGroup"] = binding.ConsumerGroup,
            ["EventHubName"] = binding.Hub,
            ["FullyQualifiedNamespace"] = binding.FullyQualifiedNamespace,
            ["PartitionId"] = partitionId,
        };
        if (binding.Many)
        {
            envelope.Data(bindingName, new JsonArray([.. events.Select(e => (JsonNode)JsonValue.Create(e.Body))]))
                .Metadata("PartitionContext", context)
                .Metadata("PartitionKeyArray", new JsonArray([.. events.Select(e => (JsonNode?)JsonValue.Create(e.PartitionKey))]))
                .Metadata("OffsetArray", new JsonArray(
                    [.. events.Select(e => (JsonNode)JsonValue.Create(e.Offset.ToString(CultureInfo.InvariantCulture)))]))
                .Metadata("SequenceNumberArray", new JsonArray([.. events.Select(e => (JsonNode)JsonValue.Create(e.SequenceNumber))]))
                .Metadata("EnqueuedTimeUtcArray", new JsonArray(
                    [.. events.Select(e => (JsonNode)JsonValue.Create(EnqueuedTimeText(e.EnqueuedTime)))]))
                .Metadata("PropertiesArray", new JsonArray([.. events.Select(e => e.UserProperties.DeepClone())]))
                .Metadata("SystemPropertiesArray", new JsonArray([.. events.Select(e => (JsonNode)SystemProperties(e))]));
        }
        else
        {
            var single = events.Single();
            envelope.Data(bindingName, JsonValue.Create(single.Body))
                .Metadata("PartitionContext", context)
                .Metadata("PartitionKey", JsonValue.Create(single.PartitionKey))
                .Metadata("Offset", JsonValue.Create(single.Offset.ToString(CultureInfo.InvariantCulture)))
                .Metadata("SequenceNumber", JsonValue.Create(single.SequenceNumber))
                .Metadata("EnqueuedTimeUtc", JsonValue.Create(EnqueuedTimeText(single.EnqueuedTime)))
                .Metadata("Properties", single.UserProperties.DeepClone())
                .Metadata("SystemProperties", SystemProperties(single));
        }

        return envelope.Sys(functionName, now).ToJson();
    }

    /// <summary>
    /// An enqueued time as the host writes it: Newtonsoft's ISO form of a <c>DateTime</c> of unspecified kind, so UTC
    /// without <c>Z</c> and with trailing zeros of the fraction dropped (e.g. <c>2023-03-13T01:25:02.25</c>).
    /// </summary>
    public static string EnqueuedTimeText(DateTimeOffset enqueued) =>
        enqueued.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static JsonObject SystemProperties(LoggedEvent e) => new()
    {
        ["x-opt-sequence-number"] = e.SequenceNumber,
        ["x-opt-offset"] = e.Offset,
        ["x-opt-enqueued-time"] = e.EnqueuedTime.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        ["x-opt-partition-key"] = e.PartitionKey,
        ["SequenceNumber"] = e.SequenceNumber,
        ["Offset"] = e.Offset,
        ["PartitionKey"] = e.PartitionKey,
        ["EnqueuedTimeUtc"] = EnqueuedTimeText(e.EnqueuedTime),
    };
}
