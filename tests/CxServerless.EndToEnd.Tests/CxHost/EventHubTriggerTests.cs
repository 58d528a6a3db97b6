using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CxHost.EventHubs;
using CxServerless.Testing;

namespace CxServerless.EndToEnd.Tests.CxHost;

[Collection(AzuriteTests.Name)]
public sealed class EventHubTriggerTests(AzuriteFixture azurite)
{
    private const string BatchType = "application/vnd.microsoft.servicebus.json";

    [Fact]
    public async Task A_batch_posted_to_the_send_api_reaches_the_function_with_index_aligned_metadata()
    {
        var hub = AzuriteFixture.UniqueName("hub");
        await using var app = new FixtureFunctionApp(azurite);
        app.Settings["HubName"] = hub;
        app.Function("Ingest", FunctionJson.EventHub("%HubName%"));
        await app.StartAsync(partitions: 2);
        try
        {
            var batch = new JsonArray();
            string?[] keys = ["alpha", "beta", "alpha", null, "beta", "alpha"];
            for (var i = 0; i < keys.Length; i++)
            {
                var item = new JsonObject { ["Body"] = $"event-{i}-{keys[i] ?? "none"}", ["UserProperties"] = new JsonObject { ["n"] = i } };
                if (keys[i] is { } key)
                {
                    item["BrokerProperties"] = new JsonObject { ["PartitionKey"] = key };
                }

                batch.Add(item);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, $"{hub}/messages?timeout=60&api-version=2014-01")
            {
                Content = new StringContent(batch.ToJsonString(), Encoding.UTF8, BatchType),
            };
            request.Headers.TryAddWithoutValidation("Authorization", "SharedAccessSignature sr=x&sig=y&se=1&skn=local");
            using var sent = await app.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

            using var single = new HttpRequestMessage(HttpMethod.Post, $"{hub}/messages") { Content = new StringContent("event-6-alpha") };
            single.Headers.TryAddWithoutValidation("BrokerProperties", """{"PartitionKey":"alpha"}""");
            Assert.Equal(HttpStatusCode.Created, (await app.Http.SendAsync(single)).StatusCode);

            var envelopes = await FixtureFunctionApp.EventuallyAsync(
                () => app.EnvelopesAsync("Ingest"), e => e.Sum(x => Encoded.Array(x["Data"]!["events"]).Count) >= 7, TimeSpan.FromSeconds(30), "7 events");

            var delivered = envelopes.SelectMany(Flatten).ToList();
            Assert.Equal(7, delivered.Count);
            var alphaPartition = PartitionKeyHasher.PartitionFor("alpha", 2).ToString(CultureInfo.InvariantCulture);
            foreach (var e in delivered)
            {
                Assert.EndsWith(e.Key ?? "none", e.Body, StringComparison.Ordinal);
                Assert.Equal(int.Parse(e.Body.Split('-')[1], CultureInfo.InvariantCulture), e.Properties["n"]?.GetValue<int>() ?? 6);
                Assert.DoesNotContain("Z", e.EnqueuedTimeUtc, StringComparison.Ordinal);
                var enqueued = DateTime.Parse(e.EnqueuedTimeUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                Assert.InRange(enqueued, DateTime.UtcNow.AddMinutes(-2), DateTime.UtcNow.AddSeconds(5));
                Assert.Equal(e.SequenceNumber, e.System["SequenceNumber"]!.GetValue<long>());
                if (e.Key == "alpha")
                {
                    Assert.Equal(alphaPartition, e.Partition);
                }
            }

            foreach (var partition in delivered.GroupBy(e => e.Partition))
            {
                var ordered = partition.OrderBy(e => e.SequenceNumber).ToList();
                Assert.Equal(Enumerable.Range(0, ordered.Count).Select(i => (long)i), ordered.Select(e => e.SequenceNumber));
                Assert.Equal(0, ordered[0].Offset);
                for (var i = 1; i < ordered.Count; i++)
                {
                    Assert.Equal(ordered[i - 1].Offset + Encoding.UTF8.GetByteCount(ordered[i - 1].Body), ordered[i].Offset);
                }

                var checkpoint = await CheckpointAsync(hub, partition.Key);
                Assert.Equal(ordered[^1].SequenceNumber, checkpoint);
            }

            Assert.Equal(["event-0-alpha", "event-2-alpha", "event-5-alpha", "event-6-alpha"], delivered.Where(e => e.Key == "alpha").OrderBy(e => e.SequenceNumber).Select(e => e.Body));
        }
        finally
        {
            await CleanUpAsync(hub);
        }
    }

    [Fact]
    public async Task A_failing_invocation_is_retried_with_the_same_batch_and_then_checkpointed()
    {
        var hub = AzuriteFixture.UniqueName("hub");
        await using var app = new FixtureFunctionApp(azurite);
        app.Settings["FixtureFail"] = "Ingest";
        app.Function("Ingest", FunctionJson.EventHub(hub, maxRetryCount: 2));
        await app.StartAsync(partitions: 1);
        try
        {
            var batch = new JsonArray(new JsonObject { ["Body"] = "a" }, new JsonObject { ["Body"] = "b" }, new JsonObject { ["Body"] = "c" });
            using var sent = await app.Http.PostAsync($"{hub}/messages", new StringContent(batch.ToJsonString(), Encoding.UTF8, BatchType));
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

            var checkpoint = await FixtureFunctionApp.EventuallyAsync(() => CheckpointAsync(hub, "0"), c => c is not null, TimeSpan.FromSeconds(30), "the checkpoint");
            Assert.Equal(2, checkpoint);
            await Task.Delay(1000);
            var envelopes = await app.EnvelopesAsync("Ingest");
            Assert.Equal(3, envelopes.Count); // the first attempt and maxRetryCount 2 retries, then no more: the checkpoint moved on
            Assert.All(envelopes, e => Assert.Equal(["a", "b", "c"], Encoded.Array(e["Data"]!["events"]).Select(b => b!.GetValue<string>())));
            Assert.All(envelopes, e => Assert.Equal([0L, 1L, 2L], Encoded.Array(e["Metadata"]!["SequenceNumberArray"]).Select(s => s!.GetValue<long>())));
        }
        finally
        {
            await CleanUpAsync(hub);
        }
    }

    [Fact]
    public async Task Batch_checkpoint_frequency_checkpoints_every_nth_batch_as_the_extension_does()
    {
        var hub = AzuriteFixture.UniqueName("hub");
        var eventHubs = new JsonObject { ["maxEventBatchSize"] = 1, ["batchCheckpointFrequency"] = 3 };
        await using var app = new FixtureFunctionApp(azurite, hostExtensions: new JsonObject { ["eventHubs"] = eventHubs });
        app.Function("Ingest", FunctionJson.EventHub(hub));
        await app.StartAsync(partitions: 1);
        try
        {
            var five = new JsonArray(Enumerable.Range(0, 5).Select(i => (JsonNode)new JsonObject { ["Body"] = $"e{i}" }).ToArray());
            using var sent = await app.Http.PostAsync($"{hub}/messages", new StringContent(five.ToJsonString(), Encoding.UTF8, BatchType));
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

            // Five one-event batches: a checkpoint after the third (sequence 2); the fourth and fifth wait for the sixth.
            await FixtureFunctionApp.EventuallyAsync(
                () => app.EnvelopesAsync("Ingest"), e => e.Count >= 5, TimeSpan.FromSeconds(30), "5 batches");
            await Task.Delay(1500);
            Assert.Equal(5, (await app.EnvelopesAsync("Ingest")).Count);
            Assert.Equal(2, await CheckpointAsync(hub, "0"));

            using var sixth = await app.Http.PostAsync($"{hub}/messages", new StringContent("e5"));
            Assert.Equal(HttpStatusCode.Created, sixth.StatusCode);
            var checkpoint = await FixtureFunctionApp.EventuallyAsync(
                () => CheckpointAsync(hub, "0"), c => c == 5, TimeSpan.FromSeconds(30), "the checkpoint after the sixth batch");
            Assert.Equal(5, checkpoint);
        }
        finally
        {
            await CleanUpAsync(hub);
        }
    }

    [Fact]
    public async Task After_a_restart_delivery_resumes_from_the_checkpoint()
    {
        var hub = AzuriteFixture.UniqueName("hub");
        var records = AzuriteFixture.UniqueName("records");
        try
        {
            await using (var first = new FixtureFunctionApp(azurite, recordTable: records))
            {
                first.Function("Ingest", FunctionJson.EventHub(hub));
                await first.StartAsync(partitions: 1);
                using var sent = await first.Http.PostAsync($"{hub}/messages", new StringContent("before"));
                Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
                await FixtureFunctionApp.EventuallyAsync(() => CheckpointAsync(hub, "0"), c => c == 0, TimeSpan.FromSeconds(30), "the first checkpoint");
                first.KeepRecords();
            }

            // While cx-host is down, a producer appends to the same log.
            await new EventLog(azurite.Tables, TimeProvider.System, 1).AppendAsync(hub, [new IncomingEvent("while-down", null, [])], CancellationToken.None);

            await using var second = new FixtureFunctionApp(azurite, recordTable: records);
            second.Function("Ingest", FunctionJson.EventHub(hub));
            await second.StartAsync(partitions: 1);
            await FixtureFunctionApp.EventuallyAsync(() => CheckpointAsync(hub, "0"), c => c == 1, TimeSpan.FromSeconds(30), "the second checkpoint");

            var bodies = (await second.EnvelopesAsync("Ingest")).Select(e => Encoded.Array(e["Data"]!["events"]).Single()!.GetValue<string>());
            Assert.Equal(["before", "while-down"], bodies);
        }
        finally
        {
            await CleanUpAsync(hub);
        }
    }

    [Fact]
    public async Task Bad_send_requests_get_400_problems_with_a_reason()
    {
        await using var app = new FixtureFunctionApp(azurite);
        app.Function("Ping", FunctionJson.Http("ping", "get"));
        await app.StartAsync();

        using var empty = await app.Http.PostAsync("somehub/messages", new StringContent("[]", Encoding.UTF8, BatchType));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("application/problem+json", empty.Content.Headers.ContentType?.MediaType);
        Assert.Contains("non-empty JSON array", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var noBody = await app.Http.PostAsync("somehub/messages", new StringContent("""[{"Body":42}]""", Encoding.UTF8, BatchType));
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.Contains("no string 'Body'", await noBody.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var badKey = new HttpRequestMessage(HttpMethod.Post, "somehub/messages") { Content = new StringContent("x") };
        badKey.Headers.TryAddWithoutValidation("BrokerProperties", "{not json");
        using var badKeyResponse = await app.Http.SendAsync(badKey);
        Assert.Equal(HttpStatusCode.BadRequest, badKeyResponse.StatusCode);
        Assert.Contains("BrokerProperties", await badKeyResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<long?> CheckpointAsync(string hub, string partition)
    {
        var blob = azurite.Blobs.GetBlobContainerClient(CheckpointStore.ContainerName)
            .GetBlobClient(CheckpointStore.BlobName("127.0.0.1", hub, "$Default", partition));
        if (!await blob.ExistsAsync())
        {
            return null;
        }

        var metadata = (await blob.GetPropertiesAsync()).Value.Metadata;
        Assert.True(metadata.ContainsKey("offset"));
        return long.Parse(metadata["sequencenumber"], CultureInfo.InvariantCulture);
    }

    private async Task CleanUpAsync(string hub)
    {
        await azurite.Tables.DeleteTableAsync(EventLog.TableNameFor(hub));
        var container = azurite.Blobs.GetBlobContainerClient(CheckpointStore.ContainerName);
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"127.0.0.1/{hub}/", CancellationToken.None))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name);
        }
    }

    private static IEnumerable<Delivered> Flatten(JsonObject envelope)
    {
        var bodies = Encoded.Array(envelope["Data"]!["events"]);
        var meta = envelope["Metadata"]!.AsObject();
        var context = Assert.IsType<JsonObject>(meta["PartitionContext"]);
        var partition = context["PartitionId"]!.GetValue<string>();
        Assert.Equal("$Default", context["ConsumerGroup"]!.GetValue<string>());
        var keys = Encoded.Array(meta["PartitionKeyArray"]);
        var offsets = Encoded.Array(meta["OffsetArray"]);
        var sequences = Encoded.Array(meta["SequenceNumberArray"]);
        var times = Encoded.Array(meta["EnqueuedTimeUtcArray"]);
        var properties = Encoded.Array(meta["PropertiesArray"]);
        var system = Encoded.Array(meta["SystemPropertiesArray"]);
        foreach (var array in new[] { keys, offsets, sequences, times, properties, system })
        {
            Assert.Equal(bodies.Count, array.Count);
        }

        for (var i = 0; i < bodies.Count; i++)
        {
            yield return new Delivered(
                partition,
                bodies[i]!.GetValue<string>(),
                keys[i]?.GetValue<string>(),
                long.Parse(offsets[i]!.GetValue<string>(), CultureInfo.InvariantCulture),
                sequences[i]!.GetValue<long>(),
                times[i]!.GetValue<string>(),
                properties[i]!.AsObject(),
                system[i]!.AsObject());
        }
    }

    private sealed record Delivered(string Partition, string Body, string? Key, long Offset, long SequenceNumber, string EnqueuedTimeUtc, JsonObject Properties, JsonObject System);
}
