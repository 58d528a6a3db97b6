using System.Collections.Concurrent;
using Azure;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Partitions;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Events;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// Folds each source partition's stored events into per-minute KPI buckets (MetricBuckets), exactly once.
/// <para>
/// The ingestion function calls <see cref="ApplyAsync"/> for every batch after storing its events and before counting
/// it, so a failure here fails the invocation and the batch is redelivered. An event counts in its minute row only if
/// its sequence number is above the row's <see cref="MinuteRow.AppliedThrough"/>: a redelivered batch, even a longer
/// or shorter one, adds nothing twice, and a half-written batch is completed. Events later than the partition's
/// watermark (max event time − allowed lateness) are not folded in: they are kept in the LateEvents table and counted.
/// </para>
/// <para>
/// First-contact resolution needs a week of each customer's contacts. With a <see cref="FirstContactStore"/> (the app
/// always has one) it is derived from storage: each batch records its starts and handled ends there, and settles the
/// contacts due in the minutes its watermark has passed. Without one (tools that replay in memory) the partition's
/// in-memory tracker derives it, as before.
/// </para>
/// The in-memory state (clock, cached rows) is per partition; after any failure it is dropped and rebuilt from storage,
/// so a retry starts from what is stored.
/// </summary>
public sealed partial class AnalyticsWriter(
    MetricBucketStore store,
    LateEventStore lateEvents,
    RuleSet rules,
    TimeProvider time,
    ILogger<AnalyticsWriter> logger,
    FirstContactStore? firstContacts = null)
{
    private const int CachedMinutes = 30;

    /// <summary>At most this many due minutes are settled per batch, so a partition back from a long idle catches up in steps.</summary>
    private const int SettleMinutesPerBatch = 120;
    private readonly ConcurrentDictionary<string, PartitionState> _partitions = new(StringComparer.Ordinal);

    /// <summary>Folds <paramref name="events"/> (one source partition's, in sequence order) into the buckets.</summary>
    public async Task<AnalyticsBatchResult> ApplyAsync(
        string partition, IReadOnlyList<SequencedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return AnalyticsBatchResult.Empty;
        }

        await store.EnsureCreatedAsync(cancellationToken);
        var state = _partitions.GetOrAdd(partition, p => new PartitionState(p));
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            return await ApplyLockedAsync(state, events, cancellationToken);
        }
        catch
        {
            // Start the retry from what is stored, not from memory that saw half of this batch.
            state.Reset();
            throw;
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private async Task<AnalyticsBatchResult> ApplyLockedAsync(
        PartitionState state, IReadOnlyList<SequencedEvent> events, CancellationToken cancellationToken)
    {
        if (state.Analytics is null || state.Clock is null)
        {
            state.Clock = await store.ReadClockAsync(state.Partition, cancellationToken);
            state.Analytics = new PartitionAnalytics(
                state.Partition, rules.Kpis, rules.EventTime, state.Clock.Clock, trackFirstContact: firstContacts is null);
        }

        var clock = state.Clock;
        var watermark = state.Analytics.Clock.Watermark(rules.EventTime);
        var maxSequence = events.Max(e => e.SequenceNumber);
        var apply = new List<CxEvent>(events.Count);
        var sequences = new Dictionary<CxEvent, long>(ReferenceEqualityComparer.Instance);
        foreach (var e in events)
        {
            var minute = EventMinutes.MinuteOf(e.Event.EventTime);
            var applied = !state.Analytics.Clock.IsEmpty && EventMinutes.EndOf(minute) <= watermark
                ? clock.AppliedThrough // too late for its minute: only the clock row's count can hold it
                : (await RowAsync(state, minute, cancellationToken)).Row.AppliedThrough;
            if (e.SequenceNumber > applied)
            {
                apply.Add(e.Event);
                sequences[e.Event] = e.SequenceNumber;
            }
        }

        var arrival = time.GetUtcNow();
        var outcome = state.Analytics.Accept(apply, arrival);
        if (firstContacts is not null)
        {
            var tooLateEvents = outcome.TooLate.ToHashSet(ReferenceEqualityComparer.Instance);
            await firstContacts.RecordAsync(
                state.Partition,
                events.Select(e => e.Event),
                apply.Where(e => !tooLateEvents.Contains(e)),
                rules.Kpis.FirstContactResolutionWindow,
                cancellationToken);
        }

        var deltas = state.Analytics.DrainBuckets();
        var written = 0;
        foreach (var minute in deltas.GroupBy(d => d.Minute).OrderBy(g => g.Key))
        {
            var (row, etag) = await RowAsync(state, minute.Key, cancellationToken);
            var next = row.Clone();
            foreach (var bucket in minute)
            {
                next.Merge(bucket);
            }

            next.AppliedThrough = Math.Max(next.AppliedThrough, maxSequence);
            var newEtag = await store.WriteAsync(next, etag, cancellationToken);
            state.Rows[minute.Key] = (next, newEtag);
            written++;
        }

        var tooLate = outcome.TooLate.Where(e => sequences[e] > clock.AppliedThrough).ToList();
        if (tooLate.Count > 0)
        {
            await lateEvents.AddAsync(
                state.Partition,
                tooLate.Select(e => new SequencedEvent(e, sequences[e])).ToList(),
                arrival,
                outcome.Watermark,
                cancellationToken);
            LogTooLate(logger, tooLate.Count, state.Partition);
        }

        var (levelsThrough, levels) = await FoldLevelsAsync(state, clock, outcome.Watermark, cancellationToken);
        var firstContactThrough = await SettleFirstContactsAsync(state, clock, outcome.Watermark, cancellationToken);
        state.Clock = await store.WriteClockAsync(
            clock with
            {
                Clock = state.Analytics.Clock,
                AppliedThrough = Math.Max(clock.AppliedThrough, maxSequence),
                TooLate = clock.TooLate + tooLate.Count,
                LevelsThrough = levelsThrough,
                BacklogLevels = levels,
                FirstContactThrough = firstContactThrough,
            },
            cancellationToken);
        Trim(state, outcome.Watermark);
        AnalyticsMetrics.Record(outcome.InOrder, outcome.Late, tooLate.Count);
        return new AnalyticsBatchResult(outcome.InOrder, outcome.Late, tooLate.Count, events.Count - apply.Count, written);
    }

    /// <summary>
    /// Advances the backlog levels to the last final minute: the minutes between the stored fold and the watermark can
    /// no longer change (later events for them are too late), so their backlog changes are added once, from storage.
    /// </summary>
    private async Task<(long Through, IReadOnlyDictionary<string, double> Levels)> FoldLevelsAsync(
        PartitionState state, ClockRow clock, DateTimeOffset watermark, CancellationToken cancellationToken)
    {
        if (watermark == DateTimeOffset.MinValue)
        {
            return (clock.LevelsThrough, clock.BacklogLevels);
        }

        var finalMinute = EventMinutes.FloorDivide(watermark.UtcTicks, TimeSpan.TicksPerMinute);
        if (finalMinute <= clock.LevelsThrough)
        {
            return (clock.LevelsThrough, clock.BacklogLevels);
        }

        var levels = new Dictionary<string, double>(clock.BacklogLevels, StringComparer.Ordinal);
        var from = clock.LevelsThrough == 0 ? 0 : clock.LevelsThrough + 1;
        await foreach (var row in store.QueryAsync(from, finalMinute, state.Partition, cancellationToken))
        {
            foreach (var ((kpi, slice), aggregate) in row.Aggregates)
            {
                if (kpi == KpiId.Backlog)
                {
                    var key = slice.ToString();
                    levels[key] = levels.GetValueOrDefault(key) + aggregate.Sum;
                }
            }
        }

        return (finalMinute, levels);
    }

    /// <summary>
    /// Settles the first-contact outcomes due in the minutes the watermark has passed since the last settled one. A new
    /// partition starts at its first final minute: nothing was recorded for it before.
    /// </summary>
    private async Task<long> SettleFirstContactsAsync(
        PartitionState state, ClockRow clock, DateTimeOffset watermark, CancellationToken cancellationToken)
    {
        if (firstContacts is null || watermark == DateTimeOffset.MinValue)
        {
            return clock.FirstContactThrough;
        }

        var finalMinute = EventMinutes.FloorDivide(watermark.UtcTicks, TimeSpan.TicksPerMinute);
        var from = clock.FirstContactThrough == 0 ? finalMinute : clock.FirstContactThrough + 1;
        var (through, added) = await firstContacts.SettleAsync(
            state.Partition, from, finalMinute, SettleMinutesPerBatch, rules.Kpis.FirstContactResolutionWindow, store, cancellationToken);
        if (added > 0)
        {
            AnalyticsMetrics.RecordFirstContacts(added);
        }

        return Math.Max(clock.FirstContactThrough, through);
    }

    private async Task<(MinuteRow Row, ETag? ETag)> RowAsync(PartitionState state, long minute, CancellationToken cancellationToken)
    {
        if (!state.Rows.TryGetValue(minute, out var cached))
        {
            cached = await store.ReadAsync(state.Partition, minute, cancellationToken);
            state.Rows[minute] = cached;
        }

        return cached;
    }

    private static void Trim(PartitionState state, DateTimeOffset watermark)
    {
        if (state.Rows.Count <= CachedMinutes)
        {
            return;
        }

        var keep = watermark == DateTimeOffset.MinValue ? long.MinValue : EventMinutes.MinuteOf(watermark) - 2;
        foreach (var minute in state.Rows.Keys.Where(m => m < keep).ToList())
        {
            state.Rows.Remove(minute);
        }
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "{Count} events of partition {Partition} arrived after the allowed lateness; they are listed in the late-events view")]
    private static partial void LogTooLate(ILogger logger, int count, string partition);

    private sealed class PartitionState(string partition)
    {
        public string Partition { get; } = partition;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public PartitionAnalytics? Analytics { get; set; }

        public ClockRow? Clock { get; set; }

        public Dictionary<long, (MinuteRow Row, ETag? ETag)> Rows { get; } = [];

        public void Reset()
        {
            Analytics = null;
            Clock = null;
            Rows.Clear();
        }
    }
}

/// <summary>A stored event with its source partition's sequence number.</summary>
public sealed record SequencedEvent(CxEvent Event, long SequenceNumber);

/// <summary>What one batch did to the buckets.</summary>
public sealed record AnalyticsBatchResult(int InOrder, int Late, int TooLate, int AlreadyApplied, int RowsWritten)
{
    /// <summary>Nothing to do.</summary>
    public static AnalyticsBatchResult Empty { get; } = new(0, 0, 0, 0, 0);
}
