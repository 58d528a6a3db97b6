using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Events;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Sentiment;
using CxServerless.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Tests.Sentiment;

/// <summary>
/// <c>ScoreSentiment</c>'s work on Azurite: each event's score counts once in the AverageSentiment buckets of its slices
/// when a message is delivered again, when instances take duplicates at once, and when an invocation dies between writes;
/// a score for a minute already final is kept but not counted.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class SentimentPipelineTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Base = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    // Texts whose direction is not in doubt: praise and thanks, complaints about waiting and rudeness.
    private static readonly string[] Praise =
    [
        "Thank you so much, the agent was wonderful and fixed everything quickly!",
        "Great service, really friendly and helpful. Very happy.",
        "Excellent support, problem solved in minutes. Thanks a lot!",
        "Brilliant, the best help I have had. Love it.",
    ];

    private static readonly string[] Complaints =
    [
        "Terrible service, I waited two hours and nobody helped me.",
        "The agent was rude and useless. Awful experience, very angry.",
        "Worst support ever, still broken and I am furious.",
        "Horrible. Disappointed and frustrated, nothing works.",
    ];

    private readonly string _buckets = AzuriteFixture.UniqueName("mb");
    private readonly string _scores = AzuriteFixture.UniqueName("ss");
    private readonly string _late = AzuriteFixture.UniqueName("le");
    private readonly RuleSet _rules = DefaultRules.Load();
    private readonly SentimentHarness _harness = new(new Dictionary<string, string?>());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await azurite.Tables.DeleteTableAsync(_buckets);
        await azurite.Tables.DeleteTableAsync(_scores);
        await azurite.Tables.DeleteTableAsync(_late);
    }

    public void Dispose() => _harness.Dispose();

    /// <summary>A new instance: nothing shared in memory with any other.</summary>
    private SentimentScoring NewScoring(out SentimentBucketWriter writer)
    {
        var buckets = new MetricBucketStore(azurite.Tables.GetTableClient(_buckets));
        var scores = new SentimentScoreStore(azurite.Tables.GetTableClient(_scores));
        writer = new SentimentBucketWriter(buckets, scores);
        return new SentimentScoring(_harness.Chain, scores, writer, buckets, _rules, TimeProvider.System);
    }

    private SentimentScoring NewScoring() => NewScoring(out _);

    private static SentimentQueueItem Item(string id, DateTimeOffset time, string text, string queue, string channel = "Chat") =>
        new(id, "test", time, ["all", $"channel={channel}", $"queue={queue}", $"team=team-{queue}", "region=emea"], text, false);

    private static SentimentQueueMessage Message(params SentimentQueueItem[] items) => new(SentimentQueueMessage.CurrentVersion, items);

    /// <summary>Praise on queue billing, complaints on queue sales, all in the minute ending Base + 1 min.</summary>
    private static List<SentimentQueueItem> Mixed(string prefix, int each) =>
    [
        .. Enumerable.Range(0, each)
            .Select(i => Item($"{prefix}-p{i}", Base.AddSeconds(5 + i), Praise[i % Praise.Length], "billing")),
        .. Enumerable.Range(0, each)
            .Select(i => Item($"{prefix}-n{i}", Base.AddSeconds(30 + i), Complaints[i % Complaints.Length], "sales")),
    ];

    private async Task<WindowResult?> WindowAsync(Slice slice, DateTimeOffset? from = null)
    {
        using var reader = new KpiReadModel(
            new MetricBucketStore(azurite.Tables.GetTableClient(_buckets)),
            _rules,
            Options.Create(new AnalyticsOptions { KpiRefresh = TimeSpan.Zero, KpiLookback = TimeSpan.FromDays(7) }),
            new FixedTime(Base.AddMinutes(30)));
        var snapshot = await reader.GetAsync(CancellationToken.None);
        var start = from ?? Base;
        return snapshot.Windows(KpiId.AverageSentiment, slice, WindowSpec.Tumbling(TimeSpan.FromMinutes(60)), start, start.AddMinutes(60))
            .SingleOrDefault();
    }

    private async Task<List<TableEntity>> ScoreRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in azurite.Tables.GetTableClient(_scores).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task A_message_delivered_three_times_and_a_longer_redelivery_count_each_event_once_in_every_slice()
    {
        var items = Mixed("r", 4);
        for (var delivery = 0; delivery < 3; delivery++)
        {
            await NewScoring().ProcessAsync(Message([.. items]), CancellationToken.None);
        }

        // Ingestion redelivered a longer batch: two more events ride with the eight already counted.
        var more = Mixed("r2", 1);
        var result = await NewScoring().ProcessAsync(Message([.. items, .. more]), CancellationToken.None);

        Assert.Equal(new SentimentScoringResult(2, 0, 8), result);
        var all = await WindowAsync(Slice.All);
        Assert.Equal(10, all!.SampleCount);
        var rows = await ScoreRowsAsync();
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.True(r.GetBoolean("Applied") == true && r.GetBoolean("Late") == false, r.RowKey));
        Assert.Equal(rows.Sum(r => r.GetDouble("Score")!.Value), all.Aggregate.Sum, 9);
        Assert.All(rows, r => Assert.Equal("local-lexicon", r.GetString("Scorer")));

        // Praise is counted on billing, complaints on sales, both on chat and emea.
        var billing = await WindowAsync(new Slice(SliceDimension.Queue, "billing"));
        var sales = await WindowAsync(new Slice(SliceDimension.Queue, "sales"));
        Assert.Equal(5, billing!.SampleCount);
        Assert.Equal(5, sales!.SampleCount);
        Assert.True(billing.Value > 0.3, $"praise averaged {billing.Value}");
        Assert.True(sales.Value < -0.3, $"complaints averaged {sales.Value}");
        Assert.Equal(10, (await WindowAsync(new Slice(SliceDimension.Channel, "Chat")))!.SampleCount);
        Assert.Equal(10, (await WindowAsync(new Slice(SliceDimension.Region, "emea")))!.SampleCount);
    }

    [Fact]
    public async Task Score_rows_hold_the_score_and_never_the_text()
    {
        var items = Mixed("t", 2);
        await NewScoring().ProcessAsync(Message([.. items]), CancellationToken.None);

        var rows = await ScoreRowsAsync();
        Assert.Equal(4, rows.Count);
        foreach (var row in rows)
        {
            Assert.DoesNotContain("Text", row.Keys);
            Assert.All(row.Keys.Select(k => row[k]).OfType<string>(), v => Assert.DoesNotContain(v, Praise.Concat(Complaints)));
            Assert.Equal(MetricBucketStore.MinuteKey(EventMinutes.MinuteOf(Base.AddSeconds(5))), row.PartitionKey);
            Assert.Contains(row.GetString("Label"), new[] { "positive", "negative", "neutral", "mixed" });
        }
    }

    [Fact]
    public async Task Instances_that_take_the_same_messages_at_once_count_each_event_once()
    {
        // Five rounds; in each, three instances process the same message concurrently, and every message repeats half of
        // the previous one: all of it lands on one bucket row, the worst case for the ETag race.
        var expected = new HashSet<string>();
        var applied = 0;
        for (var round = 0; round < 5; round++)
        {
            var items = Enumerable.Range(round * 5, 10)
                .Select(i => i % 2 == 0
                    ? Item($"c{i}", Base.AddSeconds(1 + i), Praise[i % 4], "billing")
                    : Item($"c{i}", Base.AddSeconds(1 + i), Complaints[i % 4], "sales"))
                .ToList();
            expected.UnionWith(items.Select(i => i.EventId));
            var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
                NewScoring().ProcessAsync(Message([.. items]), CancellationToken.None))));
            applied += results.Sum(r => r.Applied);
        }

        Assert.Equal(30, expected.Count);
        Assert.Equal(30, applied);
        Assert.Equal(30, (await WindowAsync(Slice.All))!.SampleCount);
        Assert.Equal(15, (await WindowAsync(new Slice(SliceDimension.Queue, "billing")))!.SampleCount);
        var rows = await ScoreRowsAsync();
        Assert.Equal(30, rows.Count);
        Assert.All(rows, r => Assert.True(r.GetBoolean("Applied"), r.RowKey));
    }

    [Fact]
    public async Task An_invocation_that_dies_after_storing_the_scores_or_after_the_bucket_write_is_completed_once()
    {
        var first = Mixed("d", 3);

        // Dies after the scores are stored, before any bucket write.
        var dying = NewScoring();
        dying.AfterScoresStored = () => throw new IOException("process killed");
        await Assert.ThrowsAsync<IOException>(() => dying.ProcessAsync(Message([.. first]), CancellationToken.None));
        Assert.Null(await WindowAsync(Slice.All));
        Assert.Equal(6, (await ScoreRowsAsync()).Count);

        // The redelivery dies after the bucket write, before the score rows say Applied.
        var dyingLater = NewScoring(out var writer);
        writer.AfterBucketWrite = _ => throw new IOException("process killed");
        await Assert.ThrowsAsync<IOException>(() => dyingLater.ProcessAsync(Message([.. first]), CancellationToken.None));
        Assert.Equal(6, (await WindowAsync(Slice.All))!.SampleCount);
        Assert.All(await ScoreRowsAsync(), r => Assert.False(r.GetBoolean("Applied")));

        // Another message for the same minute comes first: its writer confirms the dead writer's events, counts only its own.
        var second = Mixed("e", 1);
        Assert.Equal(new SentimentScoringResult(2, 0, 0), await NewScoring().ProcessAsync(Message([.. second]), CancellationToken.None));
        Assert.All(await ScoreRowsAsync(), r => Assert.True(r.GetBoolean("Applied"), r.RowKey));

        // Then the first message's third delivery: nothing left to add.
        Assert.Equal(new SentimentScoringResult(0, 0, 6), await NewScoring().ProcessAsync(Message([.. first]), CancellationToken.None));
        var all = await WindowAsync(Slice.All);
        Assert.Equal(8, all!.SampleCount);
        Assert.Equal((await ScoreRowsAsync()).Sum(r => r.GetDouble("Score")!.Value), all.Aggregate.Sum, 9);
    }

    [Fact]
    public async Task A_redelivery_after_a_death_past_the_bucket_write_adds_nothing_again()
    {
        var items = Mixed("k", 2);
        var dying = NewScoring(out var writer);
        writer.AfterBucketWrite = _ => throw new IOException("process killed");
        await Assert.ThrowsAsync<IOException>(() => dying.ProcessAsync(Message([.. items]), CancellationToken.None));

        var result = await NewScoring().ProcessAsync(Message([.. items]), CancellationToken.None);

        Assert.Equal(new SentimentScoringResult(0, 0, 4), result);
        Assert.Equal(4, (await WindowAsync(Slice.All))!.SampleCount);
        Assert.All(await ScoreRowsAsync(), r => Assert.True(r.GetBoolean("Applied"), r.RowKey));
    }

    [Fact]
    public async Task A_score_for_a_minute_already_final_is_stored_and_flagged_late_but_not_counted()
    {
        // Ingestion saw an event at 09:10 on its only partition: the watermark (2 minutes' lateness) is 09:08.
        var analytics = new AnalyticsWriter(
            new MetricBucketStore(azurite.Tables.GetTableClient(_buckets)),
            new LateEventStore(azurite.Tables.GetTableClient(_late)),
            _rules,
            TimeProvider.System,
            NullLogger<AnalyticsWriter>.Instance);
        var started = new CxEvent
        {
            EventId = "s1",
            Type = CxEventType.ContactStarted,
            EventTime = Base.AddMinutes(10),
            IngestTime = Base.AddMinutes(10),
            SourceSystem = "test",
            ConversationId = "c1",
            Channel = CxChannel.Chat,
        };
        await analytics.ApplyAsync("hub|$Default|0", [new SequencedEvent(started, 1)], CancellationToken.None);

        var late = Item("late-1", Base.AddMinutes(1).AddSeconds(-10), Complaints[0], "sales");
        var onTime = Item("ok-1", Base.AddMinutes(9).AddSeconds(-10), Praise[0], "billing");
        var result = await NewScoring().ProcessAsync(Message(late, onTime), CancellationToken.None);
        var again = await NewScoring().ProcessAsync(Message(late, onTime), CancellationToken.None);

        Assert.Equal(new SentimentScoringResult(1, 1, 0), result);
        Assert.Equal(new SentimentScoringResult(0, 0, 2), again);
        Assert.Equal(1, (await WindowAsync(Slice.All))!.SampleCount);
        Assert.Null(await WindowAsync(new Slice(SliceDimension.Queue, "sales")));
        var rows = (await ScoreRowsAsync()).ToDictionary(r => r.GetString("EventId"));
        Assert.True(rows["late-1"].GetBoolean("Late"));
        Assert.False(rows["late-1"].GetBoolean("Applied"));
        Assert.True(rows["ok-1"].GetBoolean("Applied"));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
