using System.Text.Json.Nodes;

namespace CxHost.EventHubs;

/// <summary>An event stored in a partition of the local event log.</summary>
/// <param name="PartitionId">The partition, "0".."N-1".</param>
/// <param name="SequenceNumber">Its sequence number in the partition, from 0.</param>
/// <param name="Offset">Its byte offset in the partition (the sum of the sizes of the bodies before it).</param>
/// <param name="EnqueuedTime">When cx-host accepted it (UTC).</param>
/// <param name="PartitionKey">The producer's partition key, or null.</param>
/// <param name="Body">The body text.</param>
/// <param name="UserProperties">The application properties.</param>
public sealed record LoggedEvent(
    string PartitionId,
    long SequenceNumber,
    long Offset,
    DateTimeOffset EnqueuedTime,
    string? PartitionKey,
    string Body,
    JsonObject UserProperties);
