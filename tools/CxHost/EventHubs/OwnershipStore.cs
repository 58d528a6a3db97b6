using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CxHost.EventHubs;

/// <summary>
/// Partition ownership as the Event Hubs SDK's blob checkpoint store keeps it, next to the checkpoints: container
/// <c>azure-webjobs-eventhub</c>, one empty blob per partition named <c>{namespace}/{hub}/{consumer group}/ownership/{partition}</c>
/// (lower case) with metadata <c>ownerid</c>. A claim creates the blob only if it does not exist, or changes it only if
/// its ETag is still the one read, so two instances can never both win the same claim.
/// </summary>
public sealed class OwnershipStore(BlobServiceClient blobs)
{
    private const string OwnerKey = "ownerid";
    private BlobContainerClient? _container;

    /// <summary>The blob name prefix of a hub's ownership records for one consumer group.</summary>
    public static string Prefix(string fullyQualifiedNamespace, string hub, string consumerGroup) =>
        $"{fullyQualifiedNamespace}/{hub}/{consumerGroup}/ownership/".ToLowerInvariant();

    /// <summary>Every ownership record under <paramref name="prefix"/>.</summary>
    public async Task<IReadOnlyList<PartitionOwnership>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var container = await ContainerAsync(cancellationToken);
        var records = new List<PartitionOwnership>();
        await foreach (var item in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken))
        {
            records.Add(new PartitionOwnership(
                item.Name[prefix.Length..],
                item.Metadata.TryGetValue(OwnerKey, out var owner) ? owner : string.Empty,
                item.Properties.LastModified ?? DateTimeOffset.MinValue,
                item.Properties.ETag ?? default));
        }

        return records;
    }

    /// <summary>
    /// Claims or renews a partition for <paramref name="ownerId"/>: creates the record when <paramref name="etag"/> is
    /// null, else rewrites it on the condition that its ETag is still <paramref name="etag"/>.
    /// </summary>
    /// <returns>The new record, or null when someone else wrote it first (the claim is lost).</returns>
    public async Task<PartitionOwnership?> TryClaimAsync(
        string prefix, string partitionId, string ownerId, ETag? etag, CancellationToken cancellationToken)
    {
        var blob = (await ContainerAsync(cancellationToken)).GetBlobClient(prefix + partitionId);
        var metadata = new Dictionary<string, string> { [OwnerKey] = ownerId };
        try
        {
            if (etag is null)
            {
                var created = await blob.UploadAsync(
                    BinaryData.Empty,
                    new BlobUploadOptions { Metadata = metadata, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                    cancellationToken);
                return new PartitionOwnership(partitionId, ownerId, created.Value.LastModified, created.Value.ETag);
            }

            var updated = await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = etag }, cancellationToken);
            return new PartitionOwnership(partitionId, ownerId, updated.Value.LastModified, updated.Value.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    private async Task<BlobContainerClient> ContainerAsync(CancellationToken cancellationToken)
    {
        if (_container is null)
        {
            var container = blobs.GetBlobContainerClient(CheckpointStore.ContainerName);
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _container = container;
        }

        return _container;
    }
}
