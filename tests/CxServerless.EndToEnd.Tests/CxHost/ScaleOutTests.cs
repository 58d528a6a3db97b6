using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Models;
using CxHost.Configuration;
using CxHost.EventHubs;
using CxServerless.Testing;

namespace CxServerless.EndToEnd.Tests.CxHost;

/// <summary>
/// cx-host with two instances (two fixture handler processes) on one storage account: partitions split by ownership
/// records and move when an instance dies, a timer fires on one instance only, and queue messages are shared.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ScaleOutTests(AzuriteFixture azurite)
{
    private static readonly ScaleOutOptions Fast = new()
    {
        Instances = 2,
        LoadBalancingUpdateInterval = TimeSpan.FromSeconds(1),
        PartitionOwnershipExpiration = TimeSpan.FromSeconds(6),
        TimerLockPeriod = TimeSpan.FromSeconds(15),
        TimerLockPollingInterval = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public async Task Two_instances_split_the_partitions_and_a_killed_instances_partitions_move_to_the_survivor()
    {
        var hub = AzuriteFixture.UniqueName("hub");
        await using var app = new FixtureFunctionApp(azurite) { ScaleOut = Fast };
        app.Settings["HubName"] = hub;
        app.Function("Ingest", FunctionJson.EventHub("%HubName%"));
        await app.StartAsync(partitions: 4);
        var prefix = OwnershipStore.Prefix("127.0.0.1", hub, "$Default");
        try
        {
            var split = await FixtureFunctionApp.EventuallyAsync(
                () => OwnersAsync(prefix),
                o => o.Count == 4 && o.Values.GroupBy(v => v).Count() == 2 && o.Values.GroupBy(v => v).All(g => g.Count() == 2),
                TimeSpan.FromSeconds(30),
                "two partitions for each instance");
            Assert.Equal(
                app.Host.Instances.Select(i => i.Identity.OwnerId).Order(StringComparer.Ordinal),
                split.Values.Distinct().Order(StringComparer.Ordinal));

            await SendAsync(app, hub, 0, 40);
            await FixtureFunctionApp.EventuallyAsync(
                () => DeliveredAsync(app), d => d.Distinct().Count() >= 40, TimeSpan.FromSeconds(30), "the first 40 events");
            var pids = (await app.EnvelopesWithPidAsync("Ingest")).Select(e => e.Pid).Distinct().ToList();
            Assert.Equal(2, pids.Count); // both handlers took part

            var victim = app.Host.Instances[1];
            var survivor = app.Host.Instances[0].Identity.OwnerId;
            var killedAt = DateTime.UtcNow;
            await app.Host.KillInstanceAsync(1);
            var victimOwns = (await OwnersAsync(prefix)).Count(o => o.Value == victim.Identity.OwnerId);
            Assert.Equal(2, victimOwns); // killed, not stopped: its records stay until they expire

            await SendAsync(app, hub, 40, 40);
            var moved = await FixtureFunctionApp.EventuallyAsync(
                () => OwnersAsync(prefix), o => o.Count == 4 && o.Values.All(v => v == survivor), TimeSpan.FromSeconds(30), "the survivor");
            var took = DateTime.UtcNow - killedAt;
            Assert.True(took < Fast.PartitionOwnershipExpiration + TimeSpan.FromSeconds(6), $"takeover took {took.TotalSeconds:0.0} s");
            var earliest = Fast.PartitionOwnershipExpiration - TimeSpan.FromSeconds(3);
            Assert.True(took >= earliest, $"takeover before expiry: {took.TotalSeconds:0.0} s");

            // At least once: a batch the victim handled but had not checkpointed comes again on the survivor.
            var delivered = await FixtureFunctionApp.EventuallyAsync(
                () => DeliveredAsync(app), d => d.Distinct().Count() >= 80, TimeSpan.FromSeconds(30), "all 80 events");
            Assert.Equal(80, delivered.Distinct().Count());
            Assert.Single(moved.Values.Distinct());
        }
        finally
        {
            await DeleteBlobsAsync($"127.0.0.1/{hub}/");
        }
    }

    [Fact]
    public async Task A_timer_fires_on_one_instance_only_and_moves_when_its_holder_dies()
    {
        await using var app = new FixtureFunctionApp(azurite) { ScaleOut = Fast };
        app.Function("Tick", FunctionJson.Timer("* * * * * *", runOnStartup: false));
        await app.StartAsync();

        var ticks = await FixtureFunctionApp.EventuallyAsync(
            () => app.EnvelopesWithPidAsync("Tick"), e => e.Count >= 5, TimeSpan.FromSeconds(30), "five ticks");
        var holderPid = Assert.Single(ticks.Select(t => t.Pid).Distinct());
        var holder = app.Host.Instances.Single(i => i.Handler.ProcessId == holderPid);
        AssertOnePerSecond(ticks);

        await app.Host.KillInstanceAsync(holder.Identity.Index);
        var other = app.Host.Instances.Single(i => i != holder).Handler.ProcessId;
        var after = await FixtureFunctionApp.EventuallyAsync(
            () => app.EnvelopesWithPidAsync("Tick"), e => e.Count(t => t.Pid == other) >= 3, TimeSpan.FromSeconds(40), "the other's ticks");
        AssertOnePerSecond(after);
    }

    [Fact]
    public async Task Both_instances_take_messages_from_one_queue_and_each_message_is_handled_once()
    {
        var queue = AzuriteFixture.UniqueName("shared");
        // Small batches and short polling, so that neither instance can take the whole queue in one receive.
        var queues = new JsonObject { ["batchSize"] = 2, ["newBatchThreshold"] = 1, ["maxPollingInterval"] = "00:00:00.200" };
        await using var app = new FixtureFunctionApp(azurite, new JsonObject { ["queues"] = queues }) { ScaleOut = Fast };
        app.TrackQueue(queue);
        app.Function("Work", FunctionJson.Queue(queue));
        var client = azurite.Queues.GetQueueClient(queue);
        await client.CreateIfNotExistsAsync();
        for (var i = 0; i < 60; i++)
        {
            await client.SendMessageAsync($"m{i}");
        }

        await app.StartAsync();
        var handled = await FixtureFunctionApp.EventuallyAsync(
            () => app.EnvelopesWithPidAsync("Work"), e => e.Count >= 60, TimeSpan.FromSeconds(60), "60 messages");
        Assert.Equal(60, handled.Select(h => Encoded.String(h.Envelope["Data"]!["message"])).Distinct().Count());
        Assert.Equal(2, handled.Select(h => h.Pid).Distinct().Count());
    }

    private static void AssertOnePerSecond(List<(JsonObject Envelope, int Pid)> ticks)
    {
        var slots = ticks.Select(t => t.Envelope["Metadata"]!["sys"]!["UtcNow"]!.GetValue<string>()[..19]).ToList();
        Assert.Equal(slots.Count, slots.Distinct().Count());
    }

    private async Task<Dictionary<string, string>> OwnersAsync(string prefix)
    {
        var records = await new OwnershipStore(azurite.Blobs).ListAsync(prefix, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        return records.Where(r => r.IsActive(now, Fast.PartitionOwnershipExpiration))
            .ToDictionary(r => r.PartitionId, r => r.OwnerId, StringComparer.Ordinal);
    }

    private static async Task<List<string>> DeliveredAsync(FixtureFunctionApp app) =>
        [.. (await app.EnvelopesAsync("Ingest")).SelectMany(e => Encoded.Array(e["Data"]!["events"]).Select(b => b!.GetValue<string>()))];

    private static async Task SendAsync(FixtureFunctionApp app, string hub, int first, int count)
    {
        var batch = new JsonArray();
        for (var i = first; i < first + count; i++)
        {
            batch.Add(new JsonObject { ["Body"] = $"event-{i}", ["BrokerProperties"] = new JsonObject { ["PartitionKey"] = $"k{i}" } });
        }

        using var content = new StringContent(batch.ToJsonString(), Encoding.UTF8, "application/vnd.microsoft.servicebus.json");
        using var sent = await app.Http.PostAsync(new Uri($"{hub}/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
    }

    private async Task DeleteBlobsAsync(string prefix)
    {
        var container = azurite.Blobs.GetBlobContainerClient(CheckpointStore.ContainerName);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name);
        }
    }
}
