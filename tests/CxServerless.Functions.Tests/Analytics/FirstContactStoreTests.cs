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
/// First-contact resolution derived from storage: a customer's repeat contact counts whichever source partition carried
/// it, the outcomes survive a restart (every batch here goes through a new writer, so nothing is kept in memory), a
/// redelivered batch adds nothing twice, the due rows go once settled, and an erasure leaves no row of the customer.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class FirstContactStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string PartitionA = "hub|$Default|0";
    private const string PartitionB = "hub|$Default|1";
    private static readonly DateTimeOffset Base = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly string _buckets = AzuriteFixture.UniqueName("mb");
    private readonly string _late = AzuriteFixture.UniqueName("le");
    private readonly string _firstContacts = AzuriteFixture.UniqueName("fc");
    private readonly RuleSet _rules = WithWindow(DefaultRules.Load());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var table in new[] { _buckets, _late, _firstContacts })
        {
            await azurite.Tables.GetTableClient(table).DeleteAsync();
        }
    }

    [Fact]
    public async Task Outcomes_count_repeats_from_any_partition_exactly_once_across_restarts()
    {
        // Four customers end a handled contact at 09:01 on partition A. Hand-worked outcomes, due at 09:11:
        // c1 resolved but starts again at 09:05 on partition B (a repeat inside 10 minutes): 0;
        // c2 resolved, never back: 1; c3 ended unresolved: 0; c4 resolved, back at 09:13 (after the window): 1.
        var ended = Base.AddMinutes(1);
        await ApplyAsync(PartitionA,
        [
            Ended(1, "c1", ended, CxOutcome.Resolved),
            Ended(2, "c2", ended, CxOutcome.Resolved),
            Ended(3, "c3", ended, CxOutcome.Unresolved),
            Ended(4, "c4", ended, CxOutcome.Resolved),
        ]);
        await ApplyAsync(PartitionB, [Started(1, "c1", Base.AddMinutes(5)), Started(2, "c4", Base.AddMinutes(13))]);

        // Partition A's watermark passes 09:11 (event at 09:15 − 2 minutes' allowed lateness): the minute settles.
        var advance = new List<SequencedEvent> { Answered(5, Base.AddMinutes(15)) };
        await ApplyAsync(PartitionA, advance);
        await ApplyAsync(PartitionA, advance); // redelivered, to a restarted writer

        var window = await FcrAtAsync(ended + Window);
        Assert.Equal(4, window!.SampleCount);
        Assert.Equal(50, window.Value!.Value, 9);

        var due = await RowsAsync(FirstContactStore.DuePartition(EventMinutes.MinuteOf(ended + Window)));
        Assert.Empty(due); // settled rows are deleted
    }

    [Fact]
    public async Task A_minute_settles_only_once_the_watermark_has_passed_it()
    {
        var ended = Base.AddMinutes(1);
        await ApplyAsync(PartitionA, [Ended(1, "c1", ended, CxOutcome.Resolved)]);

        // 09:12 − 2 minutes = 09:10: the due minute (09:11) is not final yet.
        await ApplyAsync(PartitionA, [Answered(2, Base.AddMinutes(12))]);
        var before = await FcrAtAsync(ended + Window);
        Assert.Equal(0, before?.SampleCount ?? 0);

        await ApplyAsync(PartitionA, [Answered(3, Base.AddMinutes(14))]);
        var after = await FcrAtAsync(ended + Window);
        Assert.Equal(1, after!.SampleCount);
        Assert.Equal(100, after.Value!.Value, 9);
    }

    [Fact]
    public async Task Erasure_deletes_every_row_of_the_customer_and_only_theirs()
    {
        var ended = Base.AddMinutes(1);
        await ApplyAsync(PartitionA,
        [
            Started(1, "erase-me", Base),
            Ended(2, "erase-me", ended, CxOutcome.Resolved),
            Started(3, "keep-me", Base),
            Ended(4, "keep-me", ended, CxOutcome.Resolved),
        ]);
        var store = new FirstContactStore(azurite.Tables.GetTableClient(_firstContacts), 2);

        // The erasure workflow knows the customer's stored events; the due row's key follows from the contact end.
        var dueRow = FirstContactStore.DueKey("erase-me-ContactEnded-2", ended, Window);
        var deleted = await store.EraseAsync("erase-me", Base.AddDays(-14), Base.AddDays(1), [dueRow], CancellationToken.None);

        Assert.Equal(2, deleted); // its start and its due row
        var left = await RowsAsync(null);
        Assert.DoesNotContain(left, e => e.RowKey.Contains("erase-me", StringComparison.Ordinal)
            || e.Select(p => p.Value).OfType<string>().Any(v => v.Contains("erase-me", StringComparison.Ordinal)));
        Assert.Equal(2, left.Count); // the other customer's start and due row stay
    }

    private async Task ApplyAsync(string partition, IReadOnlyList<SequencedEvent> events)
    {
        var writer = new AnalyticsWriter(
            new MetricBucketStore(azurite.Tables.GetTableClient(_buckets)),
            new LateEventStore(azurite.Tables.GetTableClient(_late)),
            _rules,
            TimeProvider.System,
            NullLogger<AnalyticsWriter>.Instance,
            new FirstContactStore(azurite.Tables.GetTableClient(_firstContacts), 2));
        await writer.ApplyAsync(partition, events, CancellationToken.None);
    }

    private async Task<WindowResult?> FcrAtAsync(DateTimeOffset time)
    {
        var reader = new KpiReadModel(
            new MetricBucketStore(azurite.Tables.GetTableClient(_buckets)),
            _rules,
            Options.Create(new AnalyticsOptions { KpiRefresh = TimeSpan.Zero, KpiLookback = TimeSpan.FromDays(7) }),
            new FixedTime(Base.AddMinutes(30)));
        var snapshot = await reader.GetAsync(CancellationToken.None);
        var minute = EventMinutes.EndOf(EventMinutes.MinuteOf(time));
        return snapshot.Windows(
            KpiId.FirstContactResolutionRate, Slice.All, WindowSpec.Tumbling(TimeSpan.FromMinutes(1)), minute.AddMinutes(-1), minute)
            .SingleOrDefault(w => w.SampleCount > 0);
    }

    private async Task<List<TableEntity>> RowsAsync(string? partitionKey)
    {
        var table = azurite.Tables.GetTableClient(_firstContacts);
        var filter = partitionKey is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static SequencedEvent Ended(long sequence, string customer, DateTimeOffset time, CxOutcome outcome) =>
        new(Event(sequence, customer, time, CxEventType.ContactEnded) with { Outcome = outcome }, sequence);

    private static SequencedEvent Started(long sequence, string customer, DateTimeOffset time) =>
        new(Event(sequence, customer, time, CxEventType.ContactStarted), sequence);

    private static SequencedEvent Answered(long sequence, DateTimeOffset time) =>
        new(Event(sequence, "someone", time, CxEventType.ContactAnswered), sequence);

    private static CxEvent Event(long sequence, string customer, DateTimeOffset time, CxEventType type) => new()
    {
        EventId = $"{customer}-{type}-{sequence}",
        Type = type,
        EventTime = time,
        IngestTime = time,
        SourceSystem = "test",
        ConversationId = $"conv-{customer}-{sequence}",
        CustomerKey = customer,
        Channel = CxChannel.Voice,
        Queue = "billing",
        Team = "team-billing",
    };

    private static RuleSet WithWindow(RuleSet rules) => rules with { Kpis = rules.Kpis with { FirstContactResolutionWindow = Window } };

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
