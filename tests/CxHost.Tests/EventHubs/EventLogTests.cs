using System.Text.Json.Nodes;
using CxHost.EventHubs;
using CxServerless.Testing;

namespace CxHost.Tests.EventHubs;

[Collection(AzuriteTests.Name)]
public sealed class EventLogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Sequence_numbers_and_offsets_continue_across_log_instances()
    {
        var hub = AzuriteFixture.UniqueName("hub");
        try
        {
            var first = new EventLog(azurite.Tables, TimeProvider.System, 2);
            var stored = await first.AppendAsync(hub, [new("abc", "k", []), new("de", "k", new JsonObject { ["p"] = 1 })], CancellationToken.None);
            var second = new EventLog(azurite.Tables, TimeProvider.System, 2);
            var more = await second.AppendAsync(hub, [new("fghi", "k", [])], CancellationToken.None);

            var partition = PartitionKeyHasher.PartitionFor("k", 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.All(stored.Concat(more), e => Assert.Equal(partition, e.PartitionId));
            Assert.Equal([0L, 1L, 2L], stored.Concat(more).Select(e => e.SequenceNumber));
            Assert.Equal([0L, 3L, 5L], stored.Concat(more).Select(e => e.Offset));

            var read = await second.ReadAsync(hub, partition, afterSequenceNumber: 0, max: 10, CancellationToken.None);
            Assert.Equal(["de", "fghi"], read.Select(e => e.Body));
            Assert.Equal(1, read[0].UserProperties["p"]!.GetValue<int>());
            Assert.Equal(2, await second.LastSequenceNumberAsync(hub, partition, CancellationToken.None));
        }
        finally
        {
            await azurite.Tables.DeleteTableAsync(EventLog.TableNameFor(hub));
        }
    }

    [Fact]
    public async Task Large_bodies_and_large_batches_round_trip()
    {
        var hub = AzuriteFixture.UniqueName("hub");
        try
        {
            var log = new EventLog(azurite.Tables, TimeProvider.System, 1);
            var big = new string('é', 100_000);
            var events = Enumerable.Range(0, 150).Select(i => new IncomingEvent(i == 7 ? big : $"e{i}", null, [])).ToList();
            await log.AppendAsync(hub, events, CancellationToken.None);

            var read = await log.ReadAsync(hub, "0", -1, 200, CancellationToken.None);
            Assert.Equal(150, read.Count);
            Assert.Equal(big, read[7].Body);
            Assert.Equal(Enumerable.Range(0, 150).Select(i => (long)i), read.Select(e => e.SequenceNumber));
        }
        finally
        {
            await azurite.Tables.DeleteTableAsync(EventLog.TableNameFor(hub));
        }
    }

    [Fact]
    public async Task Checkpoints_round_trip_in_the_hosts_blob_layout()
    {
        var store = new CheckpointStore(azurite.Blobs);
        var name = CheckpointStore.BlobName("NS.servicebus.windows.net", AzuriteFixture.UniqueName("Hub"), "$Default", "3");
        Assert.StartsWith("ns.servicebus.windows.net/hub", name, StringComparison.Ordinal);
        Assert.EndsWith("/$default/checkpoint/3", name, StringComparison.Ordinal);
        try
        {
            Assert.Null(await store.ReadAsync(name, CancellationToken.None));
            await store.WriteAsync(name, new LoggedEvent("3", 41, 900, DateTimeOffset.UtcNow, null, "x", []), CancellationToken.None);
            Assert.Equal(41, await store.ReadAsync(name, CancellationToken.None));
            var metadata = (await azurite.Blobs.GetBlobContainerClient(CheckpointStore.ContainerName).GetBlobClient(name).GetPropertiesAsync()).Value.Metadata;
            Assert.Equal("900", metadata["offset"]);
        }
        finally
        {
            await azurite.Blobs.GetBlobContainerClient(CheckpointStore.ContainerName).DeleteBlobIfExistsAsync(name);
        }
    }
}
