using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Analytics.Aggregation;

/// <summary>
/// Folds one source partition's accepted events into per-minute buckets for every KPI and slice. Not thread-safe:
/// one accumulator per partition, as one partition is processed by one invocation at a time. The caller classifies
/// events with <see cref="EventTime.Watermarks"/> first and adds only those that are not too late; a late event within
/// the lateness simply lands in its (older) minute, which corrects the provisional windows that contain it.
/// </summary>
/// <param name="partition">The source partition the events come from.</param>
/// <param name="settings">The KPI settings (service-level threshold, short abandons).</param>
public sealed class MinuteBucketAccumulator(string partition, KpiSettings settings)
{
    private static readonly int KpiCount = Enum.GetValues<KpiId>().Length;

    // One array of aggregates (indexed by KPI) per slice and minute: one hash lookup per slice per event.
    private readonly Dictionary<(Slice Slice, long Minute), KpiAggregate?[]> _buckets = [];

    /// <summary>The source partition.</summary>
    public string Partition { get; } = partition ?? throw new ArgumentNullException(nameof(partition));

    /// <summary>How many buckets are held.</summary>
    public int Count => _buckets.Values.Sum(kpis => kpis.Count(a => a is not null));

    /// <summary>Adds an event's observations to every slice it belongs to; returns the number of observations.</summary>
    public int Add(CxEvent cxEvent)
    {
        ArgumentNullException.ThrowIfNull(cxEvent);
        Span<KpiObservation> observations = stackalloc KpiObservation[KpiExtractor.MaxPerEvent];
        var count = KpiExtractor.Extract(cxEvent, settings, observations);
        if (count == 0)
        {
            return 0;
        }

        var buffer = default(SliceBuffer);
        Span<Slice> slices = buffer;
        var sliceCount = Slice.ForEvent(cxEvent, slices);
        var minute = EventMinutes.MinuteOf(cxEvent.EventTime);
        foreach (var slice in slices[..sliceCount])
        {
            var kpis = KpisOf(slice, minute);
            foreach (var observation in observations[..count])
            {
                AggregateOf(kpis, observation.Kpi).Add(observation.Value, observation.Weight);
            }
        }

        return count;
    }

    /// <summary>Adds one observation, made at <paramref name="eventTime"/>, to each of <paramref name="slices"/>.</summary>
    public void Add(KpiObservation observation, DateTimeOffset eventTime, ReadOnlySpan<Slice> slices)
    {
        var minute = EventMinutes.MinuteOf(eventTime);
        foreach (var slice in slices)
        {
            AggregateOf(KpisOf(slice, minute), observation.Kpi).Add(observation.Value, observation.Weight);
        }
    }

    /// <summary>Copies of the buckets held, ordered by minute, KPI and slice.</summary>
    public IReadOnlyList<MinuteBucket> Snapshot() => Order(Buckets(clone: true));

    /// <summary>
    /// Returns the buckets held and forgets them: the deltas since the last drain, which a writer merges into the
    /// stored rows of this partition (addition commutes, so the order of flushes does not matter).
    /// </summary>
    public IReadOnlyList<MinuteBucket> Drain()
    {
        var drained = Order(Buckets(clone: false));
        _buckets.Clear();
        return drained;
    }

    private KpiAggregate?[] KpisOf(Slice slice, long minute)
    {
        if (!_buckets.TryGetValue((slice, minute), out var kpis))
        {
            kpis = new KpiAggregate?[KpiCount];
            _buckets.Add((slice, minute), kpis);
        }

        return kpis;
    }

    private static KpiAggregate AggregateOf(KpiAggregate?[] kpis, KpiId kpi) =>
        kpis[(int)kpi] ??= new KpiAggregate(KpiCatalog.Get(kpi).KeepsQuantiles);

    private IEnumerable<MinuteBucket> Buckets(bool clone)
    {
        foreach (var ((slice, minute), kpis) in _buckets)
        {
            for (var kpi = 0; kpi < kpis.Length; kpi++)
            {
                if (kpis[kpi] is { } aggregate)
                {
                    yield return new MinuteBucket(Partition, (KpiId)kpi, slice, minute, clone ? aggregate.Clone() : aggregate);
                }
            }
        }
    }

    [System.Runtime.CompilerServices.InlineArray(Slice.MaxPerEvent)]
    private struct SliceBuffer
    {
        private Slice _element;
    }

    private static MinuteBucket[] Order(IEnumerable<MinuteBucket> buckets) =>
        buckets.OrderBy(b => b.Minute).ThenBy(b => b.Kpi).ThenBy(b => b.Slice.ToString(), StringComparer.Ordinal).ToArray();
}
