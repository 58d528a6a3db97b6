using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace CxServerless.Durable.Storage;

/// <summary>The storage services the engine uses. Queue clients must send message text as given (no base64).</summary>
/// <param name="Tables">The table service.</param>
/// <param name="Queues">The queue service.</param>
/// <param name="Blobs">The blob service (payloads too large for a table property or a queue message).</param>
public sealed record DurableStorageAccount(TableServiceClient Tables, QueueServiceClient Queues, BlobServiceClient Blobs);
