using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CxHost.EventHubs;

/// <summary>
/// Event Hubs checkpoints as the Functions host keeps them: blob container <c>azure-webjobs-eventhub</c>, one empty blob
/// per partition named <c>{namespace}/{hub}/{consumer group}/checkpoint/{partition}</c> (lower case) whose metadata
/// holds <c>sequencenumber</c> and <c>offset</c> (the layout of the Event Hubs SDK's blob checkpoint store).
/// </summary>
public sealed class CheckpointStore(BlobServiceClient blobs)
{
    /// <summary>The container the Functions host uses for Event Hubs checkpoints.</summary>
    public const string ContainerName = "azure-webjobs-eventhub";

    private BlobContainerClient? _container;

    /// <summary>The blob name of a partition's checkpoint.</summary>
    public static string BlobName(string fullyQualifiedNamespace, string hub, string consumerGroup, string partitionId) =>
        $"{fullyQualifiedNamespace}/{hub}/{consumerGroup}/checkpoint/{partitionId}".ToLowerInvariant();

    /// <summary>The sequence number of the last processed event, or null when the partition has no checkpoint.</summary>
    public async Task<long?> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        var blob = (await ContainerAsync(cancellationToken)).GetBlobClient(blobName);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.Metadata.TryGetValue("sequencenumber", out var text)
                && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sequence)
                ? sequence
                : null;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Records that every event up to <paramref name="last"/> was processed.</summary>
    public async Task WriteAsync(string blobName, LoggedEvent last, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(last);
        var blob = (await ContainerAsync(cancellationToken)).GetBlobClient(blobName);
        var metadata = new Dictionary<string, string>
        {
            ["sequencenumber"] = last.SequenceNumber.ToString(CultureInfo.InvariantCulture),
            ["offset"] = last.Offset.ToString(CultureInfo.InvariantCulture),
        };
        await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Metadata = metadata }, cancellationToken);
    }

    private async Task<BlobContainerClient> ContainerAsync(CancellationToken cancellationToken)
    {
        if (_container is null)
        {
            var container = blobs.GetBlobContainerClient(ContainerName);
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _container = container;
        }

        return _container;
    }
}
