using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using CxServerless.Domain.Events;
using CxServerless.Domain.Ingestion;

namespace CxServerless.Functions.Ingestion;

/// <summary>
/// How events and quarantined payloads are laid out in Azure Tables (docs/events.md, "Storage").
/// Events: PartitionKey <c>{yyyyMMddHH of event time}-{bucket}</c>, RowKey the de-duplication key, so a redelivered event
/// lands on the same row and insert-if-absent recognises it. Quarantine: PartitionKey <c>{yyyyMMdd}-{partition}</c>,
/// RowKey from the delivery's origin.
/// </summary>
public static class EventEntities
{
    /// <summary>The longest masked payload kept in a quarantine row (a string property holds 32 K UTF-16 characters).</summary>
    public const int MaxPayloadChars = 30_000;

    /// <summary>JSON options of the <c>Json</c> column: camelCase, enums as names (docs/events.md).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The partition of an event: hour of its event time plus a bucket derived from its de-duplication key.</summary>
    public static string PartitionKey(DateTimeOffset eventTime, string dedupeKey, int buckets) =>
        string.Create(CultureInfo.InvariantCulture, $"{eventTime.UtcDateTime:yyyyMMddHH}-{Bucket(dedupeKey, buckets):D2}");

    /// <summary>The table row of an accepted event.</summary>
    public static TableEntity ForEvent(CxEvent e, string dedupeKey, string origin, int buckets)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new TableEntity(PartitionKey(e.EventTime, dedupeKey, buckets), dedupeKey)
        {
            ["SchemaVersion"] = e.SchemaVersion,
            ["EventId"] = e.EventId,
            ["SourceSystem"] = e.SourceSystem,
            ["Type"] = e.Type.ToString(),
            ["Channel"] = e.Channel.ToString(),
            ["EventTime"] = e.EventTime,
            ["IngestTime"] = e.IngestTime,
            ["ConversationId"] = e.ConversationId,
            ["Queue"] = e.Queue,
            ["Team"] = e.Team,
            ["Region"] = e.Region,
            ["AgentKey"] = e.AgentKey,
            ["CustomerKey"] = e.CustomerKey,
            ["Origin"] = origin,
            ["Json"] = JsonSerializer.Serialize(e, JsonOptions),
        };
    }

    /// <summary>Reads an event back from its row.</summary>
    public static CxEvent ToEvent(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return JsonSerializer.Deserialize<CxEvent>(entity.GetString("Json"), JsonOptions)
            ?? throw new InvalidOperationException("An event row has an empty Json column.");
    }

    /// <summary>The quarantine row of a rejected event. The payload is already masked; it is cut to fit one property.</summary>
    public static TableEntity ForQuarantine(IngestionOutcome outcome, string origin, DateTimeOffset ingestTime)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var payload = outcome.MaskedPayload ?? string.Empty;
        var rejection = outcome.Rejection ?? throw new ArgumentException("The outcome is not a rejection.", nameof(outcome));
        var partition = origin.Split(':')[0];
        return new TableEntity(SafeKey($"{ingestTime.UtcDateTime:yyyyMMdd}-{partition}"), SafeKey(origin))
        {
            ["Reason"] = rejection.Reason.Code(),
            ["Detail"] = rejection.Detail,
            ["SourceSystem"] = outcome.SourceSystem,
            ["Origin"] = origin,
            ["IngestTime"] = ingestTime,
            ["PayloadLength"] = payload.Length,
            ["PayloadTruncated"] = payload.Length > MaxPayloadChars,
            ["Payload"] = payload.Length > MaxPayloadChars ? payload[..MaxPayloadChars] : payload,
        };
    }

    /// <summary>Replaces the characters Azure forbids in keys (/, \, #, ? and control characters) with '_'.</summary>
    public static string SafeKey(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c;
            }
        });
    }

    /// <summary>A bucket in [0, <paramref name="buckets"/>) for a key that ends in hex from a keyed hash (a de-duplication
    /// key, a pseudonym): its last eight characters are uniformly spread. Other keys are hashed first.</summary>
    public static int Bucket(string dedupeKey, int buckets)
    {
        ArgumentNullException.ThrowIfNull(dedupeKey);
        var tail = dedupeKey.Length >= 8 ? dedupeKey[^8..] : dedupeKey.PadLeft(8, '0');
        var value = uint.TryParse(tail, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)
            ? v
            : BinaryPrimitives.ReadUInt32LittleEndian(
                System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dedupeKey)));
        return (int)(value % (uint)buckets);
    }
}
