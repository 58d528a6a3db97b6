namespace CxHost.EventHubs;

/// <summary>One ownership record as the Event Hubs processor keeps it: a blob per partition whose metadata names the owner.</summary>
/// <param name="PartitionId">The partition.</param>
/// <param name="OwnerId">The owning processor's identifier; empty when the owner gave it up.</param>
/// <param name="LastModified">When the owner last claimed or renewed it (the blob's last-modified time).</param>
/// <param name="ETag">The blob's ETag: a claim or a renewal succeeds only if nobody wrote the record since.</param>
public sealed record PartitionOwnership(string PartitionId, string OwnerId, DateTimeOffset LastModified, Azure.ETag ETag)
{
    /// <summary>
    /// Whether an owner holds the record at <paramref name="now"/>: a non-empty owner, renewed within <paramref name="expiration"/>.
    /// </summary>
    public bool IsActive(DateTimeOffset now, TimeSpan expiration) =>
        OwnerId.Length > 0 && LastModified > now - expiration;
}
