using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Events;
using CxServerless.Functions.Analytics;
using CxServerless.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Tests.Analytics;

/// <summary>
/// The KPI writer and read side on Azurite: buckets are exact under redelivery and restarts, late events are listed
/// rather than folded in, and the read side composes the same windows as a hand computation.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class AnalyticsWriterTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Base = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly string _buckets = AzuriteFixture.UniqueName("mb");
    private readonly string _late = AzuriteFixture.UniqueName("le");
    private readonly RuleSet _rules = DefaultRules.Load();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await azurite.Tables.GetTableClient(_buckets).DeleteAsync();
        await azurite.Tables.GetTableClient(_late).DeleteAsync();
    }

    private AnalyticsWriter NewWriter(TimeProvider? time = null) => new(
        new MetricBucketStore(azurite.Tables.GetTableClient(_buckets)),
        new LateEventStore(azurite.Tables.GetTableClient(_late)),
        _rules, time ?? TimeProvider.System, NullLogger<AnalyticsWriter>.Instance);

    private KpiReadModel NewReader() => new(
        new MetricBucketStore(azurite.Tables.GetTableClient(_buckets)), _rules,
        Options.Create(new AnalyticsOptions { KpiRefresh = TimeSpan.Zero, KpiLookback = TimeSpan.FromDays(7) }), new FixedTime(Base.AddMinutes(30)));

    private static SequencedEvent Answered(long sequence, DateTimeOffset time, double wait, string queue = "billing") => new(new CxEvent
    {
        EventId = $"e{sequence}",
        Type = CxEventType.ContactAnswered,
        EventTime = time,
        IngestTime = time,
        SourceSystem = "test",
        ConversationId = $"c{sequence}",
        Channel = CxChannel.Voice,
        Queue = queue,
        Team = "team-" + queue,
        Measures = new CxMeasures { WaitSeconds = wait },
    }, sequence);

    private static List<SequencedEvent> Range(int from, int to) =>
        [.. Enumerable.Range(from, to - from + 1).Select(i => Answered(i, Base.AddSeconds(i), i))];

    [Fact]
    public async Task A_redelivered_longer_batch_and_a_restarted_writer_count_every_event_exactly_once()
    {
        var partition = "hub|$Default|0";
        await NewWriter().ApplyAsync(partition, Range(1, 10), CancellationToken.None);
        await NewWriter().ApplyAsync(partition, Range(1, 20), CancellationToken.None); // a new instance: nothing in memory
        var writer = NewWriter();
        await writer.ApplyAsync(partition, Range(15, 25), CancellationToken.None);
        await writer.ApplyAsync(partition, Range(15, 25), CancellationToken.None);

        var snapshot = await NewReader().GetAsync(CancellationToken.None);
        var window = snapshot.Windows(KpiId.AverageSpeedOfAnswer, Slice.All, WindowSpec.Tumbling(TimeSpan.FromMinutes(1)), Base, Base.AddMinutes(1)).Single();
        Assert.Equal(25, window.SampleCount);
        Assert.Equal(Enumerable.Range(1, 25).Average(), window.Value!.Value, 9); // waits 1..25 s
        var queue = snapshot.Windows(KpiId.AverageSpeedOfAnswer, new Slice(SliceDimension.Queue, "billing"), WindowSpec.Tumbling(TimeSpan.FromMinutes(1)), Base, Base.AddMinutes(1)).Single();
        Assert.Equal(25, queue.SampleCount);
    }

    [Fact]
    public async Task Two_partitions_write_their_own_rows_and_the_read_side_merges_them()
    {
        await NewWriter().ApplyAsync("p0", [Answered(1, Base.AddSeconds(10), 10), Answered(2, Base.AddSeconds(70), 30)], CancellationToken.None);
        await NewWriter().ApplyAsync("p1", [Answered(1, Base.AddSeconds(20), 20, "sales"), Answered(2, Base.AddSeconds(80), 50, "sales")], CancellationToken.None);

        var rows = new List<TableEntity>();
        await foreach (var row in azurite.Tables.GetTableClient(_buckets).QueryAsync<TableEntity>(e => e.PartitionKey != ClockRow.PartitionKey))
        {
            rows.Add(row);
        }

        Assert.Equal(4, rows.Count); // two minutes × two partitions, each partition its own rows
        var snapshot = await NewReader().GetAsync(CancellationToken.None);
        var hopping = snapshot.Windows(KpiId.AverageSpeedOfAnswer, Slice.All, WindowSpec.Hopping(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1)), Base.AddMinutes(1), Base.AddMinutes(2));
        Assert.Equal([15.0, 27.5], hopping.Select(w => w.Value!.Value)); // (10+20)/2, then (10+20+30+50)/4
        Assert.Equal(2, snapshot.Clocks.Count);
    }

    [Fact]
    public async Task Events_later_than_the_allowed_lateness_are_listed_and_counted_not_folded_in()
    {
        var writer = NewWriter(new FixedTime(Base.AddMinutes(10)));
        await writer.ApplyAsync("p0", [Answered(1, Base.AddMinutes(10), 10)], CancellationToken.None);
        // Within the 2-minute lateness: folded in (late but on time for its window).
        await writer.ApplyAsync("p0", [Answered(2, Base.AddMinutes(9), 20)], CancellationToken.None);
        // Later than that: stored by ingestion, listed here, not in the windows.
        var result = await writer.ApplyAsync("p0", [Answered(3, Base.AddMinutes(5), 1000)], CancellationToken.None);
        await writer.ApplyAsync("p0", [Answered(3, Base.AddMinutes(5), 1000)], CancellationToken.None); // redelivered

        Assert.Equal(1, result.TooLate);
        var snapshot = await NewReader().GetAsync(CancellationToken.None);
        Assert.Equal(1, snapshot.TooLate);
        var all = snapshot.Windows(KpiId.AverageSpeedOfAnswer, Slice.All, WindowSpec.Tumbling(TimeSpan.FromMinutes(60)), Base.AddMinutes(60), Base.AddMinutes(60)).Single();
        Assert.Equal(2, all.SampleCount);
        Assert.Equal(15, all.Value!.Value, 9);
        var listed = await new LateEventStore(azurite.Tables.GetTableClient(_late)).RecentAsync(Base, 10, CancellationToken.None);
        var late = Assert.Single(listed);
        Assert.Equal("e3", late.EventId);
        Assert.Equal(180, late.LateBySeconds, 3); // the watermark (10:08) minus the event time (10:05)
    }

    [Fact]
    public async Task A_minute_row_round_trips_exactly_through_storage()
    {
        var row = new MinuteRow("p0", 42);
        var accumulator = new Domain.Analytics.Aggregation.MinuteBucketAccumulator("p0", _rules.Kpis);
        foreach (var e in Range(1, 200))
        {
            accumulator.Add(e.Event);
        }

        foreach (var bucket in accumulator.Drain())
        {
            row.Merge(bucket with { Minute = 42 });
        }

        var back = MetricBucketStore.FromEntity(MetricBucketStore.ToEntity(row));
        Assert.Equal(row.Aggregates.Count, back.Aggregates.Count);
        foreach (var (key, aggregate) in row.Aggregates)
        {
            var copy = back.Aggregates[key];
            Assert.Equal((aggregate.Weight, aggregate.Sum, aggregate.SumOfSquares, aggregate.Min, aggregate.Max), (copy.Weight, copy.Sum, copy.SumOfSquares, copy.Min, copy.Max));
            Assert.Equal(aggregate.Sketch?.Quantile(0.9), copy.Sketch?.Quantile(0.9));
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
