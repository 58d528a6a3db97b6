using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using CxServerless.Domain.Access;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Events;
using CxServerless.Domain.Sentiment;
using CxServerless.Functions.Sentiment;
using CxServerless.Functions.Tests.Analytics;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Functions.Tests.Ingestion;
using CxServerless.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Functions.Tests.Sentiment;

/// <summary>
/// The pipeline through the real handler over HTTP: ingestion puts only masked text and slices on the sentiment queue,
/// <c>ScoreSentiment</c> scores each message into <c>AverageSentiment</c> (twice delivered, counted once), and a message
/// that is not one fails its invocation so that the host can move it to the poison queue.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class SentimentQueueTests(AzuriteFixture azurite)
{
    private const string Email = "jane.doe@example.com";
    private const string Phone = "+44 20 7946 0958";

    private static string Event(string id, string type, DateTimeOffset time, string? text, double? sentiment = null, int? csat = null)
    {
        var scores = new JsonObject();
        if (sentiment is { } s)
        {
            scores["sentiment"] = s;
        }

        if (csat is { } c)
        {
            scores["csat"] = c;
        }

        var body = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["eventId"] = id,
            ["type"] = type,
            ["eventTime"] = time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["conversationId"] = "conv-" + id,
            ["channel"] = "chat",
            ["queue"] = "billing",
            ["team"] = "team-billing",
            ["region"] = "emea",
            ["agentId"] = "agent-7",
            ["customer"] = new JsonObject { ["email"] = Email, ["phone"] = Phone, ["accountId"] = "crm-991" },
            ["scores"] = scores,
        };
        if (text is not null)
        {
            body["text"] = text;
        }

        return body.ToJsonString();
    }

    private static async Task<HttpResponseMessage> DeliverAsync(HttpClient http, string text, int dequeueCount = 1) =>
        await http.PostAsJsonAsync("ScoreSentiment", new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = JsonSerializer.Serialize(text) },
            ["Metadata"] = new JsonObject
            {
                ["DequeueCount"] = dequeueCount.ToString(CultureInfo.InvariantCulture),
                ["Id"] = JsonSerializer.Serialize(Guid.NewGuid().ToString()),
            },
        });

    private static async Task<List<string>> DrainAsync(QueueClient queue)
    {
        var texts = new List<string>();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                texts.Add(message.Body.ToString());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return texts;
    }

    [Fact]
    public async Task Ingestion_enqueues_masked_texts_without_identifiers_and_ScoreSentiment_fills_AverageSentiment_once()
    {
        using var server = new HandlerServer(azurite.ConnectionString);
        using var http = server.Client();
        var minute = DateTimeOffset.UtcNow.AddMinutes(-3);
        var at = new DateTimeOffset(minute.Year, minute.Month, minute.Day, minute.Hour, minute.Minute, 10, TimeSpan.Zero);
        var run = Guid.NewGuid().ToString("N")[..8] + "-"; // event ids of their own: the events table is shared
        IReadOnlyList<TestEvent> batch =
        [
            AnalyticsApi.At(Event(run + "m1", "MessagePosted", at, $"Thank you, wonderful help! Write to {Email} or call {Phone}."), 1),
            AnalyticsApi.At(Event(run + "s1", "SurveyResponse", at.AddSeconds(5), "Terrible wait, rude agent, awful.", csat: 1), 2),
            AnalyticsApi.At(Event(run + "v1", "MessagePosted", at.AddSeconds(10), "Scored by the vendor already.", sentiment: 0.5), 3),
            AnalyticsApi.At(Event(run + "c1", "ContactStarted", at.AddSeconds(15), null), 4),
        ];

        await IngestionClient.IngestAsync(http, AzuriteFixture.UniqueName("hub"), "0", batch); // a hub of its own: fresh counters

        var queue = new QueueClient(azurite.ConnectionString, server.Services.GetRequiredService<SentimentEnqueuer>().Queue.Name);
        var texts = await DrainAsync(queue);
        Assert.Single(texts); // the batch's two texts in one message
        foreach (var text in texts)
        {
            var message = SentimentQueueMessage.TryParse(text, out var problem);
            Assert.True(message is not null, problem);
            Assert.Equal([run + "m1", run + "s1"], message.Items.Select(i => i.EventId));
            Assert.Equal(["all", "channel=Chat", "queue=billing", "team=team-billing", "region=emea"], message.Items[0].Slices);
            foreach (var secret in new[] { Email, Phone, "7946", "crm-991", "agent-7", "conv-", "c-k1-" })
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
        }

        foreach (var text in texts.Concat(texts)) // delivered twice, counted once
        {
            using var response = await DeliverAsync(http, text);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var supervisor = AnalyticsApi.Principal(CxRoles.Supervisor);
        var query = new Dictionary<string, string> { ["kpi"] = "AverageSentiment", ["window"] = "tumbling:60m" };
        var (status, window, _) = await AnalyticsApi.GetAsync(http, "Kpis", "kpis", query, supervisor);
        Assert.Equal(200, status);

        // The vendor's 0.5, the thanks (positive) and the complaint (negative): three samples, each counted once.
        Assert.Equal(3, window!["samples"]!.GetValue<long>());
        var scores = server.Services.GetRequiredService<SentimentScoreStore>();
        var m1 = await scores.ReadAsync(
            EventMinutes.MinuteOf(at), SentimentPipelineRules.EventKey("canonical", run + "m1"), default);
        var s1 = await scores.ReadAsync(
            EventMinutes.MinuteOf(at.AddSeconds(5)), SentimentPipelineRules.EventKey("canonical", run + "s1"), default);
        Assert.NotNull(m1);
        Assert.NotNull(s1);
        Assert.True(m1.Score.Score > 0 && s1.Score.Score < 0, $"{m1.Score.Score} {s1.Score.Score}");
        Assert.Equal((0.5 + m1.Score.Score + s1.Score.Score) / 3, window["value"]!.GetValue<double>(), 2);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"version":1,"items":[]}""")]
    [InlineData("""{"version":2,"items":[{"eventId":"a","source":"s","eventTime":"2026-12-01T09:00:00Z","slices":["all"],"text":"hi"}]}""")]
    [InlineData("""{"version":1,"items":[{"eventId":"a","source":"s","eventTime":"2026-12-01T09:00:00Z","slices":["x"],"text":"hi"}]}""")]
    [InlineData("""{"version":1,"items":[{"eventId":"a","source":"s","slices":["all"],"text":"hi"}]}""")]
    public async Task A_message_that_is_not_a_sentiment_message_fails_its_invocation(string text)
    {
        using var server = new HandlerServer(azurite.ConnectionString);
        using var http = server.Client();

        using var response = await DeliverAsync(http, text, dequeueCount: 5);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_keeps_every_message_under_the_limit_and_every_item_once_in_order()
    {
        // Worst case for size: texts of three-byte characters (CJK) at the item limit, plus quotes that JSON escapes.
        var long3 = new string('日', SentimentQueueMessage.MaxTextChars - 10) + "\"\"\"\"\"\"\"\"\"\"";
        var items = Enumerable.Range(0, 100)
            .Select(i => new SentimentQueueItem(
                $"e{i}", "test", DateTimeOffset.UnixEpoch.AddMinutes(i), ["all"], i % 3 == 0 ? long3 : "short text", false))
            .ToList();

        var messages = SentimentEnqueuer.Pack(items);

        Assert.All(messages, m => Assert.True(
            Encoding.UTF8.GetByteCount(m) <= SentimentQueueMessage.MaxBytes, $"{Encoding.UTF8.GetByteCount(m)} bytes"));
        var read = messages.SelectMany(m => SentimentQueueMessage.TryParse(m, out _)!.Items).ToList();
        Assert.Equal(items.Select(i => i.EventId), read.Select(i => i.EventId));
        Assert.Equal(long3, read[0].Text);
        Assert.True(messages.Count >= 17, $"{messages.Count} messages"); // 34 long texts of ~22 KiB: at most two a message
    }

    [Fact]
    public void A_text_longer_than_a_message_allows_is_cut_and_flagged()
    {
        var text = string.Concat(Enumerable.Repeat("Great 😀 ", 2_000)); // 16,000 UTF-16 units with surrogate pairs
        var item = SentimentEnqueuer.ToItem(new CxEvent
        {
            EventId = "long",
            SourceSystem = "test",
            Type = CxEventType.MessagePosted,
            EventTime = DateTimeOffset.UnixEpoch,
            ConversationId = "c",
            Channel = CxChannel.Email,
            Text = text,
        });

        Assert.True(item.Truncated);
        Assert.True(item.Text.Length <= SentimentQueueMessage.MaxTextChars);
        Assert.StartsWith(item.Text, text, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(item.Text[^1]));
        Assert.Equal(["all", "channel=Email"], item.Slices);
        Assert.True(Encoding.UTF8.GetByteCount(SentimentEnqueuer.Pack([item]).Single()) <= SentimentQueueMessage.MaxBytes);
    }
}
