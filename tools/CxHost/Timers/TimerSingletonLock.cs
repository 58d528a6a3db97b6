using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace CxHost.Timers;

/// <summary>
/// The singleton listener lock the Functions host takes for every timer function, so that only one instance runs its
/// schedule: a blob lease on <c>locks/{hostId}/Host.Functions.{Function}.Listener</c> in container <c>azure-webjobs-hosts</c>
/// (the WebJobs SDK's <c>BlobLeaseDistributedLockManager</c> path <c>locks/{lockId}</c>, lock id
/// <c>{hostId}/{function full name}.Listener</c>). The holder renews it; a holder that dies stops renewing and the lease
/// lapses after its period, then another instance acquires it.
/// </summary>
public sealed class TimerSingletonLock(BlobServiceClient blobs, string hostId, string function, string ownerId, TimeSpan period)
{
    private readonly BlobClient _blob =
        blobs.GetBlobContainerClient(TimerStatusStore.ContainerName).GetBlobClient(BlobName(hostId, function));

    private readonly string _leaseId = Guid.NewGuid().ToString();

    /// <summary>The lock blob's name for a timer function.</summary>
    public static string BlobName(string hostId, string function) => $"locks/{hostId}/Host.Functions.{function}.Listener";

    /// <summary>Tries to take the lock; false when another instance holds it.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        await blobs.GetBlobContainerClient(TimerStatusStore.ContainerName).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        try
        {
            await _blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // It exists (and may be leased): fine, the lease below decides.
        }

        try
        {
            await _blob.GetBlobLeaseClient(_leaseId).AcquireAsync(period, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }

        // The owner is recorded as the host records it (metadata FunctionInstance), for people looking at the blob.
        await _blob.SetMetadataAsync(
            new Dictionary<string, string> { ["FunctionInstance"] = ownerId },
            new Azure.Storage.Blobs.Models.BlobRequestConditions { LeaseId = _leaseId },
            cancellationToken);
        return true;
    }

    /// <summary>Renews the lease; false when it was lost (it lapsed and someone else took it).</summary>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _blob.GetBlobLeaseClient(_leaseId).RenewAsync(cancellationToken: cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Gives the lock up at once (a graceful stop).</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _blob.GetBlobLeaseClient(_leaseId).ReleaseAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            // Already lost or gone.
        }
    }
}
