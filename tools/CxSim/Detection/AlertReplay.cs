using System.Globalization;
using System.Text;
using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.EventTime;
using CxServerless.Domain.Analytics.Partitions;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Events;
using CxServerless.Domain.Ingestion;
using CxServerless.Domain.Ingestion.Privacy;
using CxSim.Generation;

namespace CxSim.Detection;

/// <summary>
/// Plays simulated traffic through the pure analytics core the way the handler's evaluation loop does, entirely in
/// memory and in simulated time. Each event arrives a little after its event time on one of several source partitions
/// (by conversation id); every <see cref="ReplayOptions.Tick"/> the loop hands the events that arrived to that
/// partition's <see cref="PartitionAnalytics"/> (through the real <see cref="IngestionPipeline"/>), drains their minute
/// buckets, computes the global watermark, and asks one long-lived <see cref="AlertEvaluator"/> to judge the windows
/// that have become final. Like the handler after a cold start, the first evaluation reaches
/// <see cref="ReplayOptions.ColdStartReplay"/> back, and the evaluator is told in which minutes anything arrived.
/// Deterministic: the same events and options give the same transitions.
/// </summary>
public sealed class AlertReplay
{
    private static readonly IReadOnlyDictionary<string, string> NoProperties = new Dictionary<string, string>();

    private readonly ReplayOptions _options;
    private readonly IngestionPipeline _pipeline;
    private readonly PartitionAnalytics[] _partitions;
    private readonly long[] _sequences;
    private readonly BucketLookback _lookback;
    private readonly List<RaisedTransition> _transitions = [];
    private readonly SortedSet<long> _activeMinutes = [];
    private readonly List<MinuteBucket> _history = [];
    private readonly SortedSet<long> _historyMinutes = [];
    private DateTimeOffset? _published;
    private DateTimeOffset? _evaluatedThrough;

    /// <summary>Creates a replay of <paramref name="rules"/> with fresh partitions, detectors and alert state.</summary>
    public AlertReplay(RuleSet rules, ReplayOptions? options = null)
    {
        Rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _options = options ?? new ReplayOptions();
        _options.Validate();
        _pipeline = new IngestionPipeline(
            SourceAdapters.Registry(),
            new Pseudonymizer(Encoding.UTF8.GetBytes("cx-sim-alert-replay-key-0123456789")),
            new IngestionLimits());
        _partitions = [.. Enumerable.Range(0, _options.Partitions)
            .Select(p => new PartitionAnalytics(p.ToString(CultureInfo.InvariantCulture), rules.Kpis, rules.EventTime))];
        _sequences = new long[_options.Partitions];
        _lookback = new BucketLookback(rules);
        Evaluator = new AlertEvaluator(rules);
    }

    /// <summary>The rules applied.</summary>
    public RuleSet Rules { get; }

    /// <summary>The evaluator, whose monitors hold the detectors' learned state.</summary>
    public AlertEvaluator Evaluator { get; }

    /// <summary>Every alert transition so far, in the order the loop produced them.</summary>
    public IReadOnlyList<RaisedTransition> Transitions => _transitions;

    /// <summary>The counters.</summary>
    public ReplayCounters Counters { get; } = new();

    /// <summary>
    /// Every drained bucket that some rule watches, from the first event on, when <see cref="ReplayOptions.KeepHistory"/>
    /// is set (empty otherwise): the stored history a recalibration reads.
    /// </summary>
    public IReadOnlyList<MinuteBucket> History => _history;

    /// <summary>Every minute in which anything arrived, when <see cref="ReplayOptions.KeepHistory"/> is set.</summary>
    public IReadOnlySet<long> HistoryMinutes => _historyMinutes;

    /// <summary>The global watermark last published.</summary>
    public DateTimeOffset? Watermark => _published;

    /// <summary>
    /// Plays <paramref name="events"/> (in event-time order, as <see cref="TrafficGenerator.Generate"/> yields them) to
    /// the end, then keeps the loop running until every partition is idle, so that all windows up to the last
    /// event's watermark are judged.
    /// </summary>
    public void Run(IEnumerable<SimulatedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var inFlight = new PriorityQueue<(SimulatedEvent Event, DateTimeOffset Arrival), (long Ticks, long Sequence)>();
        using var source = events.GetEnumerator();
        if (!source.MoveNext())
        {
            return;
        }

        var more = true;
        var now = CeilingToTick(source.Current.EventTime);
        while (more || inFlight.Count > 0)
        {
            while (more && source.Current.EventTime <= now)
            {
                var e = source.Current;
                var arrival = e.EventTime + DelayOf(e, _options);
                inFlight.Enqueue((e, arrival), (arrival.UtcTicks, e.Sequence));
                more = source.MoveNext();
            }

            Deliver(inFlight, now);
            Tick(now);
            now += _options.Tick;
        }

        var idle = now + Rules.EventTime.IdleTimeout + _options.Tick;
        for (; now <= idle; now += _options.Tick)
        {
            Tick(now);
        }
    }

    private void Deliver(
        PriorityQueue<(SimulatedEvent Event, DateTimeOffset Arrival), (long Ticks, long Sequence)> inFlight, DateTimeOffset now)
    {
        var batches = new List<CxEvent>?[_partitions.Length];
        while (inFlight.TryPeek(out var next, out _) && next.Arrival <= now)
        {
            inFlight.Dequeue();
            var partition = PartitionOf(next.Event, _partitions.Length);
            Counters.Delivered++;
            if (Ingest(next.Event, partition, next.Arrival) is { } cxEvent)
            {
                (batches[partition] ??= []).Add(cxEvent);
            }
            else
            {
                Counters.Rejected++;
            }
        }

        for (var p = 0; p < _partitions.Length; p++)
        {
            if (batches[p] is { } batch)
            {
                var outcome = _partitions[p].Accept(batch, now, _published);
                Counters.Counted += outcome.InOrder + outcome.Late;
                Counters.TooLate += outcome.TooLate.Count;
            }
        }
    }

    private CxEvent? Ingest(SimulatedEvent e, int partition, DateTimeOffset arrival)
    {
        if (!_options.ThroughIngestion)
        {
            return e.Event;
        }

        var raw = new RawEvent(e.Body, partition.ToString(CultureInfo.InvariantCulture), _sequences[partition]++, arrival, NoProperties);
        return _pipeline.Process(raw, arrival).Event;
    }

    private void Tick(DateTimeOffset now)
    {
        Counters.Ticks++;
        foreach (var partition in _partitions)
        {
            var buckets = partition.DrainBuckets();
            _activeMinutes.UnionWith(buckets.Select(b => b.Minute));
            _lookback.Add(buckets);
            if (_options.KeepHistory)
            {
                _history.AddRange(buckets.Where(b => Rules.RuleFor(b.Kpi, b.Slice) is not null));
                _historyMinutes.UnionWith(buckets.Select(b => b.Minute));
            }
        }

        if (Watermarks.Global(_partitions.Select(p => p.Clock), now, Rules.EventTime) is not { } global)
        {
            return;
        }

        // The published watermark never goes back, even when a partition wakes up from idle behind the others.
        var watermark = _published is { } published && published > global ? published : global;
        _published = watermark;
        var through = EventMinutes.EndOf(EventMinutes.FloorDivide(watermark.UtcTicks, TimeSpan.TicksPerMinute));
        if (_evaluatedThrough is { } done && through <= done)
        {
            return;
        }

        var from = _evaluatedThrough?.AddMinutes(1) ?? through - _options.ColdStartReplay;
        var (series, opening) = _lookback.For(from, through);
        Counters.Evaluations++;
        var activity = new StoreActivity(_activeMinutes);
        foreach (var transition in Evaluator.Evaluate(series, from, through, watermark, finalOnly: true, opening, activity: activity))
        {
            _transitions.Add(new RaisedTransition(transition, now));
        }

        _evaluatedThrough = through;
        _lookback.Evict(through.AddMinutes(1));
        var longest = Rules.Rules.Max(r => r.Window.Size.Ticks / TimeSpan.TicksPerMinute);
        _activeMinutes.RemoveWhere(m => m < EventMinutes.MinuteOf(through) - longest);
    }

    /// <summary>
    /// The source partition of <paramref name="e"/> among <paramref name="partitions"/> (a stable hash of its conversation
    /// id, like Event Hubs' partition key), so that other replays of the same traffic deliver it the same way.
    /// </summary>
    public static int PartitionOf(SimulatedEvent e, int partitions)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (int)(StableHash.Of(e.PartitionKey) % (ulong)partitions);
    }

    /// <summary>
    /// How long after its event time <paramref name="e"/> arrives under <paramref name="options"/> (deterministic per event).
    /// </summary>
    public static TimeSpan DelayOf(SimulatedEvent e, ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(options);
        var spread = (options.MaxArrivalDelay - options.MinArrivalDelay).Ticks;
        var mix = StableHash.Of(e.PartitionKey) ^ ((ulong)e.Sequence * 0x9E3779B97F4A7C15UL);
        mix ^= mix >> 29;
        mix *= 0xBF58476D1CE4E5B9UL;
        mix ^= mix >> 32;
        return options.MinArrivalDelay + TimeSpan.FromTicks(spread == 0 ? 0 : (long)(mix % (ulong)spread));
    }

    private DateTimeOffset CeilingToTick(DateTimeOffset time)
    {
        var tick = _options.Tick.Ticks;
        return new DateTimeOffset(EventMinutes.CeilingDivide(time.UtcTicks, tick) * tick, TimeSpan.Zero);
    }
}
