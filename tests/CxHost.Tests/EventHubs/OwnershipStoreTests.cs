using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CxHost.EventHubs;
using CxServerless.Testing;

namespace CxHost.Tests.EventHubs;

[Collection(AzuriteTests.Name)]
public sealed class OwnershipStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public void The_prefix_is_the_processor_layout_in_lower_case()
    {
        Assert.Equal("cx.servicebus.windows.net/cx-events/$default/ownership/",
            OwnershipStore.Prefix("CX.servicebus.windows.net", "CX-Events", "$Default"));
    }

    [Fact]
    public async Task A_claim_creates_the_record_with_ownerid_metadata_and_only_one_of_two_racing_claims_wins()
    {
        var prefix = OwnershipStore.Prefix("localhost", AzuriteFixture.UniqueName("hub"), "$Default");
        var store = new OwnershipStore(azurite.Blobs);
        try
        {
            var first = await store.TryClaimAsync(prefix, "0", "a", null, CancellationToken.None);
            var second = await store.TryClaimAsync(prefix, "0", "b", null, CancellationToken.None);

            Assert.NotNull(first);
            Assert.Null(second);
            var blob = azurite.Blobs.GetBlobContainerClient(CheckpointStore.ContainerName).GetBlobClient(prefix + "0");
            var properties = await blob.GetPropertiesAsync();
            Assert.Equal("a", properties.Value.Metadata["ownerid"]);
            Assert.Equal(0, properties.Value.ContentLength);

            // Both read the same version; the first conditional write wins and the other's ETag is stale.
            var stolen = await store.TryClaimAsync(prefix, "0", "b", first!.ETag, CancellationToken.None);
            var renewed = await store.TryClaimAsync(prefix, "0", "a", first.ETag, CancellationToken.None);
            Assert.NotNull(stolen);
            Assert.Null(renewed);

            var listed = Assert.Single(await store.ListAsync(prefix, CancellationToken.None));
            Assert.Equal(("0", "b", stolen!.ETag.ToString("H")), (listed.PartitionId, listed.OwnerId, listed.ETag.ToString("H")));

            // The listed ETag is what a claim is conditioned on.
            Assert.NotNull(await store.TryClaimAsync(prefix, "0", "a", listed.ETag, CancellationToken.None));
        }
        finally
        {
            await DeleteAsync(azurite.Blobs, prefix);
        }
    }

    [Fact]
    public void A_record_is_active_while_renewed_within_the_expiration_and_owned()
    {
        var now = DateTimeOffset.Parse("2026-12-07T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var fresh = new PartitionOwnership("0", "a", now.AddSeconds(-29), default);

        Assert.True(fresh.IsActive(now, TimeSpan.FromSeconds(30)));
        Assert.False(fresh.IsActive(now, TimeSpan.FromSeconds(20)));
        Assert.False((fresh with { OwnerId = string.Empty }).IsActive(now, TimeSpan.FromSeconds(30)));
    }

    internal static async Task DeleteAsync(BlobServiceClient blobs, string prefix)
    {
        var container = blobs.GetBlobContainerClient(CheckpointStore.ContainerName);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name);
        }
    }
}
