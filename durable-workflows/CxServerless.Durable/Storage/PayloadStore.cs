using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;

namespace CxServerless.Durable.Storage;

/// <summary>
/// Keeps payloads too large for a table property or a queue message in blobs. A blob is named by the hash of its
/// instance id and the hash of its content, so writing it again is harmless and purging an instance deletes one prefix.
/// </summary>
internal sealed class PayloadStore(BlobContainerClient container)
{
    /// <summary>The container.</summary>
    public BlobContainerClient Container { get; } = container;

    /// <summary>Returns the payload inline when it fits in <paramref name="maxInlineChars"/>, else stores it and returns the blob name.</summary>
    public async Task<(string? Inline, string? Blob)> SpillAsync(string instanceId, string? payload, int maxInlineChars, CancellationToken cancellationToken)
    {
        if (payload is null || payload.Length <= maxInlineChars)
        {
            return (payload, null);
        }

        var name = InstancePrefix(instanceId) + Hash(payload);
        try
        {
            await Container.GetBlobClient(name).UploadAsync(BinaryData.FromString(payload), overwrite: true, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await Container.GetBlobClient(name).UploadAsync(BinaryData.FromString(payload), overwrite: true, cancellationToken);
        }

        return (null, name);
    }

    /// <summary>Reads a payload stored by <see cref="SpillAsync"/>.</summary>
    public async Task<string?> ReadAsync(string? inline, string? blob, CancellationToken cancellationToken)
    {
        if (blob is null)
        {
            return inline;
        }

        var content = await Container.GetBlobClient(blob).DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToString();
    }

    /// <summary>Deletes every payload blob of an instance.</summary>
    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in Container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, InstancePrefix(instanceId), cancellationToken))
            {
                await Container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: nothing was ever spilled.
        }
    }

    /// <summary>The blob name prefix of an instance's payloads.</summary>
    public static string InstancePrefix(string instanceId) => Hash(instanceId)[..32] + "/";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
