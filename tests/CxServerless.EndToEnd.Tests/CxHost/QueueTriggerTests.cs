using System.Text.Json.Nodes;
using CxServerless.Testing;

namespace CxServerless.EndToEnd.Tests.CxHost;

[Collection(AzuriteTests.Name)]
public sealed class QueueTriggerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_message_that_keeps_failing_lands_in_the_poison_queue_after_maxDequeueCount()
    {
        var extensions = new JsonObject
        {
            ["queues"] = new JsonObject
            {
                ["maxDequeueCount"] = 3,
                ["visibilityTimeout"] = "00:00:00",
                ["maxPollingInterval"] = "00:00:00.500",
                ["messageEncoding"] = "none",
            },
        };
        await using var app = new FixtureFunctionApp(azurite, extensions);
        var queue = app.TrackQueue(AzuriteFixture.UniqueName("work"));
        app.Settings["FixtureFail"] = "Work";
        app.Settings["WorkQueue"] = queue;
        app.Function("Work", FunctionJson.Queue("%WorkQueue%"));
        await app.StartAsync();

        await azurite.Queues.GetQueueClient(queue).CreateIfNotExistsAsync();
        await azurite.Queues.GetQueueClient(queue).SendMessageAsync("""{"order":42}""");
        var poison = azurite.Queues.GetQueueClient(queue + "-poison");
        var poisoned = await FixtureFunctionApp.EventuallyAsync(
            async () => await poison.ExistsAsync() ? (await poison.PeekMessagesAsync(5)).Value : [],
            m => m.Length > 0, TimeSpan.FromSeconds(30), "the poison message");

        Assert.Equal("""{"order":42}""", Assert.Single(poisoned).Body.ToString());
        Assert.Empty((await azurite.Queues.GetQueueClient(queue).PeekMessagesAsync()).Value);
        var envelopes = await app.EnvelopesAsync("Work");
        Assert.Equal([1L, 2L, 3L], envelopes.Select(e => Encoded.Int64(e["Metadata"]!["DequeueCount"])));
        Assert.All(envelopes, e => Assert.Equal("""{"order":42}""", Encoded.String(e["Data"]!["message"])));
        Assert.Single(envelopes.Select(e => Encoded.String(e["Metadata"]!["Id"])).Distinct());
        Assert.All(envelopes, e =>
        {
            var meta = e["Metadata"]!.AsObject();
            foreach (var name in new[] { "PopReceipt", "InsertionTime", "ExpirationTime", "NextVisibleTime" })
            {
                Assert.False(string.IsNullOrEmpty(Encoded.String(meta[name])), name);
            }

            Assert.False(meta.ContainsKey("QueueTrigger")); // the host leaves names ending in "Trigger" out of Metadata
            Assert.Equal("Work", meta["sys"]!["MethodName"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task A_message_that_succeeds_is_delivered_once_and_deleted()
    {
        await using var app = new FixtureFunctionApp(azurite, new JsonObject { ["queues"] = new JsonObject { ["maxPollingInterval"] = "00:00:00.500" } });
        var queue = app.TrackQueue(AzuriteFixture.UniqueName("work"));
        app.Function("Work", FunctionJson.Queue(queue));
        await app.StartAsync();

        // The default messageEncoding is base64, as in the queue extension.
        await azurite.Queues.GetQueueClient(queue).CreateIfNotExistsAsync();
        await azurite.Queues.GetQueueClient(queue).SendMessageAsync(Convert.ToBase64String("hello"u8.ToArray()));
        var envelopes = await FixtureFunctionApp.EventuallyAsync(() => app.EnvelopesAsync("Work"), e => e.Count > 0, TimeSpan.FromSeconds(30), "the invocation");
        await FixtureFunctionApp.EventuallyAsync(
            async () => (await azurite.Queues.GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount, n => n == 0, TimeSpan.FromSeconds(10), "the delete");

        Assert.Equal("hello", Encoded.String(Assert.Single(envelopes)["Data"]!["message"]));
        Assert.Equal(1, Encoded.Int64(envelopes[0]["Metadata"]!["DequeueCount"]));
    }

    [Fact]
    public async Task Queue_outputs_are_written_after_success_with_the_base64_rule()
    {
        await using var app = new FixtureFunctionApp(azurite, new JsonObject { ["queues"] = new JsonObject { ["maxPollingInterval"] = "00:00:00.500", ["messageEncoding"] = "none" } });
        var input = app.TrackQueue(AzuriteFixture.UniqueName("in"));
        var decoded = app.TrackQueue(AzuriteFixture.UniqueName("decoded"));
        var binary = app.TrackQueue(AzuriteFixture.UniqueName("binary"));
        var function = FunctionJson.Queue(input);
        function["bindings"]!.AsArray().Add(new JsonObject { ["type"] = "queue", ["name"] = "out", ["direction"] = "out", ["queueName"] = decoded });
        function["bindings"]!.AsArray().Add(new JsonObject { ["type"] = "queue", ["name"] = "raw", ["direction"] = "out", ["queueName"] = binary, ["dataType"] = "binary" });
        app.Function("Relay", function);
        await app.StartAsync();

        await azurite.Queues.GetQueueClient(input).CreateIfNotExistsAsync();
        await azurite.Queues.GetQueueClient(input).SendMessageAsync("go");
        var written = await FixtureFunctionApp.EventuallyAsync(
            async () => await azurite.Queues.GetQueueClient(binary).ExistsAsync() ? (await azurite.Queues.GetQueueClient(binary).PeekMessagesAsync()).Value : [],
            m => m.Length > 0, TimeSpan.FromSeconds(30), "the output messages");

        Assert.Equal("aGk=", Assert.Single(written).Body.ToString());
        Assert.Equal("queued by Relay", Assert.Single((await azurite.Queues.GetQueueClient(decoded).PeekMessagesAsync()).Value).Body.ToString());
    }
}
