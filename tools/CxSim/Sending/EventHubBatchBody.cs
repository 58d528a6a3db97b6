using System.Text.Json;
using CxSim.Generation;

namespace CxSim.Sending;

/// <summary>
/// The body of a batched send (content type <c>application/vnd.microsoft.servicebus.json</c>): a JSON array of
/// <c>{"Body": "…", "BrokerProperties": {"PartitionKey": "…"}, "UserProperties": {…}}</c>, one per event.
/// </summary>
public static class EventHubBatchBody
{
    /// <summary>The batch content type.</summary>
    public const string ContentType = "application/vnd.microsoft.servicebus.json";

    /// <summary>The value of the <c>Source</c> user property on every event.</summary>
    public const string SourceName = "cx-sim";

    /// <summary>The user property that says who sent the event.</summary>
    public const string SourceProperty = "Source";

    /// <summary>The user property that names the body's format (<see cref="SimulatedEvent.Format"/>).</summary>
    public const string FormatProperty = "Format";

    /// <summary>Serializes a batch.</summary>
    public static byte[] Serialize(IReadOnlyList<SimulatedEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var e in batch)
            {
                json.WriteStartObject();
                json.WriteString("Body", e.Body);
                json.WriteStartObject("BrokerProperties");
                json.WriteString("PartitionKey", e.PartitionKey);
                json.WriteEndObject();
                json.WriteStartObject("UserProperties");
                json.WriteString(SourceProperty, SourceName);
                json.WriteString(FormatProperty, e.Format);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>A generous estimate of an event's share of a batch body, in bytes (for keeping batches under the size limit).</summary>
    public static int EstimateSize(SimulatedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (e.Body.Length * 2) + e.PartitionKey.Length + e.Format.Length + 120;
    }
}
