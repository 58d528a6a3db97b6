namespace CxServerless.Domain.Ingestion;

/// <summary>One delivered event, before any parsing: the body as text plus where it came from.</summary>
/// <param name="Body">The event body as delivered (<c>dataType: string</c>).</param>
/// <param name="PartitionId">The Event Hubs partition.</param>
/// <param name="SequenceNumber">The sequence number in the partition, or -1 when the host gave none.</param>
/// <param name="EnqueuedTime">When Event Hubs accepted the event; the pipeline's reference "ingest time" when present.</param>
/// <param name="Properties">Application properties as text, for example the format hint <c>cx-format</c>.</param>
public sealed record RawEvent(
    string Body,
    string PartitionId,
    long SequenceNumber,
    DateTimeOffset? EnqueuedTime,
    IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>The application property that names the adapter explicitly (for example <c>amazon-connect-ctr</c>).</summary>
    public const string FormatProperty = "cx-format";

    /// <summary>The application property that declares the channel when the payload does not (for example <c>email</c>).</summary>
    public const string ChannelProperty = "cx-channel";

    /// <summary>
    /// The origin of this delivery: <c>{partition}:{sequence}</c>, or <c>{partition}:h{body hash}</c> when there is no
    /// sequence number. Redeliveries of the same event have the same origin.
    /// </summary>
    public string Origin => SequenceNumber >= 0 ? $"{PartitionId}:{SequenceNumber}" : $"{PartitionId}:h{BodyHash()}";

    /// <summary>The first 24 hex characters of the SHA-256 of the body.</summary>
    public string BodyHash() =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Body)).AsSpan(0, 12));

    /// <summary>A property value, or null.</summary>
    public string? Property(string name) => Properties.TryGetValue(name, out var value) ? value : null;
}
