using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;

namespace CxHost.Timers;

/// <summary>
/// Timer schedule status in blob storage, where the timer extension keeps it:
/// container <c>azure-webjobs-hosts</c>, blob <c>timers/{hostId}/{function}/status</c>.
/// </summary>
public sealed class TimerStatusStore(BlobServiceClient blobs, string hostId)
{
    /// <summary>The container the Functions host uses for its own state.</summary>
    public const string ContainerName = "azure-webjobs-hosts";

    /// <summary>The blob name of a function's status.</summary>
    public string BlobName(string function) => $"timers/{hostId}/{function}/status";

    /// <summary>The singleton listener lock of <paramref name="function"/>, held in the same container, for one owner.</summary>
    public TimerSingletonLock Lock(string function, string ownerId, TimeSpan period) => new(blobs, hostId, function, ownerId, period);

    /// <summary>The stored status, or null.</summary>
    public async Task<ScheduleStatus?> ReadAsync(string function, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(ContainerName).GetBlobClient(BlobName(function));
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return ScheduleStatus.FromJson(JsonNode.Parse(content.Value.Content.ToString()));
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Stores the status.</summary>
    public async Task WriteAsync(string function, ScheduleStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var container = blobs.GetBlobContainerClient(ContainerName);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await container.GetBlobClient(BlobName(function))
            .UploadAsync(BinaryData.FromString(status.ToJson().ToJsonString()), overwrite: true, cancellationToken);
    }
}
