using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using CxHost.Configuration;
using CxHost.Hosting;
using CxServerless.EndToEnd.Tests.CxHost;
using CxServerless.Testing;
using Microsoft.Extensions.Logging;

namespace CxServerless.EndToEnd.Tests.Sentiment;

/// <summary>
/// cx-host on the real function app: chat messages and survey comments sent through the Event Hubs send API are stored by
/// <c>IngestCxEvents</c>, enqueued, scored by <c>ScoreSentiment</c> from the queue trigger, and the <c>AverageSentiment</c>
/// tile's API (<c>/api/kpis</c>) shows them per slice; a message that is not a sentiment message ends in the poison queue.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class SentimentPipelineEndToEndTests(AzuriteFixture azurite)
{
    // Billing hears praise, sales hears complaints; each text's direction is plain to any reader.
    private static readonly string[] Praise =
    [
        "Thank you so much, the agent was wonderful and fixed it quickly!",
        "Great service, really friendly and helpful.",
        "Excellent support, problem solved in minutes. Thanks!",
    ];

    private static readonly string[] Complaints =
    [
        "Terrible service, I waited two hours and nobody helped me.",
        "The agent was rude and useless. Awful experience.",
        "Worst support ever, still broken and I am furious.",
        "Horrible. Disappointed and frustrated, nothing works.",
    ];

    [Fact]
    public async Task Chat_messages_and_survey_comments_fill_AverageSentiment_per_slice_through_cx_host()
    {
        var hub = AzuriteFixture.UniqueName("senthub");
        var queue = AzuriteFixture.UniqueName("sentiment");
        var tables = new[]
            {
                "CxEventsTable", "CxQuarantineTable", "CxIngestCountersTable", "CxMetricBucketsTable", "CxLateEventsTable", "CxAlertsTable",
                "CxBaselinesTable", "CxSentimentScoresTable", "CxFirstContactsTable",
            }
            .ToDictionary(setting => setting, setting => AzuriteFixture.UniqueName(setting[2..^5]));
        var root = AzuriteFixture.RepositoryRoot();
        var appRoot = FunctionAppCopy.WithoutTimers(root);
        var options = new CxHostOptions
        {
            AppRoot = appRoot,
            Port = AzuriteFixture.FreePort(),
            HandlerOverride = FunctionAppCopy.HandlerAssembly(root),
            Storage = azurite.ConnectionString,
            EventHubPartitions = 2,
            DevelopmentRole = "Supervisor",
            ExtraSettings = new Dictionary<string, string>(tables)
            {
                ["CxEventHubName"] = hub,
                ["CxSentimentQueue"] = queue,
                ["CxDevelopmentIdentities"] = "true",
            },
        };
        try
        {
            await using var host = new CxHostApplication(options, LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning)));
            await host.StartAsync(CancellationToken.None);
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

            // All in one recent minute, so that one 60-minute window holds them and none is late.
            var now = DateTimeOffset.UtcNow.AddMinutes(-1);
            var at = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddSeconds(5);
            var events = new JsonArray();
            for (var i = 0; i < Praise.Length; i++)
            {
                events.Add(Event($"p{i}", "MessagePosted", at.AddSeconds(i), "billing", Praise[i]));
            }

            for (var i = 0; i < Complaints.Length; i++)
            {
                events.Add(Event($"n{i}", i % 2 == 0 ? "MessagePosted" : "SurveyResponse", at.AddSeconds(10 + i), "sales", Complaints[i]));
            }

            events.Add(Event("quiet", "ContactStarted", at.AddSeconds(20), "sales", null)); // no text: not scored
            using (var content = new StringContent(events.ToJsonString(), Encoding.UTF8, "application/vnd.microsoft.servicebus.json"))
            {
                using var sent = await http.PostAsync(new Uri($"{hub}/messages", UriKind.Relative), content);
                Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
            }

            var all = await FixtureFunctionApp.EventuallyAsync(
                () => SentimentAsync(http, "all"), w => w?["samples"]?.GetValue<long>() >= 7, TimeSpan.FromSeconds(90), "7 scored texts");
            var billing = await SentimentAsync(http, "queue=billing");
            var sales = await SentimentAsync(http, "queue=sales");

            Assert.Equal(7, all!["samples"]!.GetValue<long>());
            Assert.Equal(3, billing!["samples"]!.GetValue<long>());
            Assert.Equal(4, sales!["samples"]!.GetValue<long>());
            var (b, s, a) = (billing["value"]!.GetValue<double>(), sales["value"]!.GetValue<double>(), all["value"]!.GetValue<double>());
            Assert.True(b > 0 && s < 0, $"billing {b}, sales {s}");
            Assert.Equal(((3 * b) + (4 * s)) / 7, a, 2); // the all slice is the mean of the same seven scores

            // A message that is not a sentiment message: retried maxDequeueCount (5) times, then moved to the poison queue.
            var work = new QueueClient(azurite.ConnectionString, queue);
            await work.SendMessageAsync("this is not JSON");
            var poison = new QueueClient(azurite.ConnectionString, queue + "-poison");
            var moved = await FixtureFunctionApp.EventuallyAsync(
                async () => await poison.ExistsAsync() && (await poison.PeekMessagesAsync(1)).Value.Length == 1,
                done => done,
                TimeSpan.FromSeconds(120),
                "the bad message in the poison queue");
            Assert.True(moved);
            Assert.Equal("this is not JSON", (await poison.PeekMessagesAsync(1)).Value[0].Body.ToString());
        }
        finally
        {
            foreach (var name in tables.Values)
            {
                await azurite.Tables.DeleteTableAsync(name);
            }

            await new QueueClient(azurite.ConnectionString, queue).DeleteIfExistsAsync();
            await new QueueClient(azurite.ConnectionString, queue + "-poison").DeleteIfExistsAsync();
            Directory.Delete(appRoot, recursive: true);
        }
    }

    private static JsonObject Event(string id, string type, DateTimeOffset time, string queue, string? text)
    {
        var body = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["eventId"] = "sent-" + id,
            ["type"] = type,
            ["eventTime"] = time.ToString("O", CultureInfo.InvariantCulture),
            ["conversationId"] = "chat-" + id,
            ["channel"] = "chat",
            ["queue"] = queue,
            ["team"] = "team-" + queue,
            ["region"] = "emea",
        };
        if (text is not null)
        {
            body["text"] = text;
        }

        return new JsonObject { ["Body"] = body.ToJsonString(), ["BrokerProperties"] = new JsonObject { ["PartitionKey"] = id } };
    }

    private static async Task<JsonObject?> SentimentAsync(HttpClient http, string slice)
    {
        var uri = $"api/kpis?kpi=AverageSentiment&window=tumbling:60m&slice={Uri.EscapeDataString(slice)}";
        using var response = await http.GetAsync(new Uri(uri, UriKind.Relative));
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject : null;
    }
}
