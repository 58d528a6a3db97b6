using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace CxServerless.Testing;

/// <summary>
/// Removes what a test or benchmark app left in a shared Azurite under its unique names, so that long runs do not leave
/// the in-memory emulator slower for everyone after them. Missing items and lost races are ignored.
/// </summary>
public static class StorageCleanup
{
    /// <summary>A queue and its <c>-poison</c> queue.</summary>
    public static async Task DeleteQueueAndPoisonAsync(string connectionString, string queue)
    {
        var queues = new QueueServiceClient(connectionString);
        await IgnoreMissingAsync(queues.GetQueueClient(queue).DeleteIfExistsAsync());
        await IgnoreMissingAsync(queues.GetQueueClient(queue + "-poison").DeleteIfExistsAsync());
    }

    /// <summary>The Durable Task Framework's tables, queues and lease containers of task hub <paramref name="hub"/>.</summary>
    public static async Task DeleteTaskHubAsync(string connectionString, string hub)
    {
        var tables = new TableServiceClient(connectionString);
        await foreach (var table in tables.QueryAsync(filter: (string?)null))
        {
            if (table.Name.StartsWith(hub, StringComparison.OrdinalIgnoreCase))
            {
                await IgnoreMissingAsync(tables.DeleteTableAsync(table.Name));
            }
        }

        var prefix = hub.ToLowerInvariant();
        var queues = new QueueServiceClient(connectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: prefix))
        {
            await IgnoreMissingAsync(queues.DeleteQueueAsync(queue.Name));
        }

        var blobs = new BlobServiceClient(connectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(BlobContainerTraits.None, BlobContainerStates.None, prefix))
        {
            await IgnoreMissingAsync(blobs.DeleteBlobContainerAsync(container.Name));
        }
    }

    /// <summary>The blobs of <paramref name="container"/> whose name contains <paramref name="contains"/>.</summary>
    public static async Task DeleteBlobsContainingAsync(string connectionString, string container, string contains)
    {
        var client = new BlobServiceClient(connectionString).GetBlobContainerClient(container);
        if (!await client.ExistsAsync())
        {
            return;
        }

        await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
        {
            if (blob.Name.Contains(contains, StringComparison.Ordinal))
            {
                await IgnoreMissingAsync(client.DeleteBlobIfExistsAsync(blob.Name));
            }
        }
    }

    /// <summary>Awaits a delete, ignoring "not found" and "being deleted" answers.</summary>
    public static async Task IgnoreMissingAsync(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            await task;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
        }
    }
}
