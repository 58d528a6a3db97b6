using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxHost.EventHubs;

/// <summary>
/// Parses an Event Hubs REST send request: a single event (the body is the event; an optional <c>BrokerProperties</c>
/// header holds JSON with <c>PartitionKey</c>) or a batch (content type <c>application/vnd.microsoft.servicebus.json</c>,
/// a JSON array of <c>{"Body", "BrokerProperties": {"PartitionKey"}, "UserProperties"}</c>).
/// </summary>
public static class SendRequestParser
{
    /// <summary>The batch content type.</summary>
    public const string BatchContentType = "application/vnd.microsoft.servicebus.json";

    /// <summary>The largest request body accepted (Event Hubs Standard's 1 MB).</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    /// <summary>The largest single event body accepted (Event Hubs Basic's 256 KB).</summary>
    public const int MaxEventBytes = 256 * 1024;

    /// <summary>Parses a request; returns null and a reason for bad input.</summary>
    public static IReadOnlyList<IncomingEvent>? TryParse(
        string? contentType, string? brokerPropertiesHeader, ReadOnlySpan<byte> body, out string? error)
    {
        if (body.Length > MaxRequestBytes)
        {
            error = $"The request body is {body.Length} bytes; the limit is {MaxRequestBytes}.";
            return null;
        }

        var isBatch = contentType is not null
            && contentType.Split(';')[0].Trim().Equals(BatchContentType, StringComparison.OrdinalIgnoreCase);
        return isBatch ? ParseBatch(body, out error) : ParseSingle(brokerPropertiesHeader, body, out error);
    }

    private static List<IncomingEvent>? ParseSingle(string? brokerProperties, ReadOnlySpan<byte> body, out string? error)
    {
        if (body.IsEmpty)
        {
            error = "The request body (the event) is empty.";
            return null;
        }

        string? key = null;
        if (!string.IsNullOrWhiteSpace(brokerProperties))
        {
            JsonNode? broker;
            try
            {
                broker = JsonNode.Parse(brokerProperties);
            }
            catch (JsonException)
            {
                error = "The BrokerProperties header is not valid JSON.";
                return null;
            }

            if (!TryReadPartitionKey(broker, "BrokerProperties header", out key, out error))
            {
                return null;
            }
        }

        var incoming = new IncomingEvent(Encoding.UTF8.GetString(body), key, []);
        return CheckSize(incoming, 0, out error) ? [incoming] : null;
    }

    private static List<IncomingEvent>? ParseBatch(ReadOnlySpan<byte> body, out string? error)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            error = $"The batch is not valid JSON: {ex.Message}";
            return null;
        }

        if (root is not JsonArray items || items.Count == 0)
        {
            error = "A batch must be a non-empty JSON array of {\"Body\", \"BrokerProperties\", \"UserProperties\"}.";
            return null;
        }

        var events = new List<IncomingEvent>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var parsed = ParseItem(items[i], i, out error);
            if (parsed is null || !CheckSize(parsed, i, out error))
            {
                return null;
            }

            events.Add(parsed);
        }

        error = null;
        return events;
    }

    private static IncomingEvent? ParseItem(JsonNode? node, int index, out string? error)
    {
        if (node is not JsonObject item)
        {
            error = $"Batch item {index} is not an object.";
            return null;
        }

        if (item["Body"] is not JsonValue bodyValue || bodyValue.GetValueKind() != JsonValueKind.String)
        {
            error = $"Batch item {index} has no string 'Body'.";
            return null;
        }

        if (!TryReadPartitionKey(item["BrokerProperties"], $"batch item {index} BrokerProperties", out var key, out error))
        {
            return null;
        }

        var user = item["UserProperties"];
        if (user is not null and not JsonObject)
        {
            error = $"Batch item {index} 'UserProperties' is not an object.";
            return null;
        }

        return new IncomingEvent(bodyValue.GetValue<string>(), key, (JsonObject?)user?.DeepClone() ?? []);
    }

    private static bool TryReadPartitionKey(JsonNode? broker, string where, out string? key, out string? error)
    {
        key = null;
        error = null;
        if (broker is null)
        {
            return true;
        }

        if (broker is not JsonObject brokerObject)
        {
            error = $"The {where} is not a JSON object.";
            return false;
        }

        var value = brokerObject["PartitionKey"];
        if (value is null || value.GetValueKind() == JsonValueKind.Null)
        {
            return true;
        }

        if (value.GetValueKind() != JsonValueKind.String)
        {
            error = $"The {where} PartitionKey is not a string.";
            return false;
        }

        key = value.GetValue<string>();
        return true;
    }

    private static bool CheckSize(IncomingEvent incoming, int index, out string? error)
    {
        var size = Encoding.UTF8.GetByteCount(incoming.Body);
        error = size > MaxEventBytes ? $"Event {index} is {size} bytes; the limit is {MaxEventBytes}." : null;
        return error is null;
    }
}
