using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.EventTime;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Analytics.Partitions;

/// <summary>
/// Everything analytics keeps for one source partition, in one place for the function that processes it: the
/// partition's clock (watermark), its minute buckets, first-contact-resolution tracking (unless the caller derives it
/// from storage) and the backlog ledger.
/// <see cref="Accept"/> classifies each event and counts only those that are not too late. Time comes in as values
/// (the arrival time from the caller's <see cref="TimeProvider"/>), so this stays free of I/O and deterministic.
/// Not thread-safe: one instance per partition.
/// </summary>
public sealed class PartitionAnalytics
{
    private readonly WatermarkPolicy _policy;
    private readonly MinuteBucketAccumulator _buckets;
    private readonly FirstContactResolutionTracker? _firstContact;
    private readonly BacklogLedger _backlog = new();
    private readonly KpiSettings _settings;

    /// <summary>Creates the state of <paramref name="partition"/>, resuming from <paramref name="clock"/> when given.</summary>
    /// <param name="partition">The source partition.</param>
    /// <param name="settings">The KPI settings.</param>
    /// <param name="policy">The event-time policy.</param>
    /// <param name="clock">The stored clock to resume from.</param>
    /// <param name="trackFirstContact">
    /// Whether first-contact resolution is derived here, in memory. The function app derives it from storage instead
    /// (its memory would grow with a week of contacts and vanish on a restart), and passes false.
    /// </param>
    public PartitionAnalytics(
        string partition, KpiSettings settings, WatermarkPolicy policy, PartitionClock? clock = null, bool trackFirstContact = true)
    {
        ArgumentNullException.ThrowIfNull(partition);
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _buckets = new MinuteBucketAccumulator(partition, settings);
        _firstContact = trackFirstContact ? new FirstContactResolutionTracker(settings.FirstContactResolutionWindow) : null;
        Clock = clock ?? PartitionClock.Empty(partition);
    }

    /// <summary>The partition's clock, to save and to feed <see cref="Watermarks.Global"/>.</summary>
    public PartitionClock Clock { get; private set; }

    /// <summary>
    /// Takes a batch that arrived at <paramref name="arrival"/>. <paramref name="finalThrough"/> is the global watermark
    /// last published (windows up to it are final), so that a partition waking up from idle cannot change them.
    /// </summary>
    public PartitionBatchOutcome Accept(IEnumerable<CxEvent> events, DateTimeOffset arrival, DateTimeOffset? finalThrough = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        int inOrder = 0, late = 0;
        var tooLate = new List<CxEvent>();
        foreach (var cxEvent in events)
        {
            (var timeliness, Clock) = Watermarks.Observe(Clock, cxEvent.EventTime, arrival, _policy, finalThrough);
            switch (timeliness)
            {
                case EventTimeliness.TooLate:
                    tooLate.Add(cxEvent);
                    continue;
                case EventTimeliness.Late:
                    late++;
                    break;
                default:
                    inOrder++;
                    break;
            }

            Count(cxEvent);
        }

        if (_firstContact is not null)
        {
            AddDerived(_firstContact.Advance(Clock.Watermark(_policy)));
        }

        // No open older than the watermark can be accepted any more, so the resolves before it need no memory.
        _backlog.ForgetResolvedBefore(Clock.Watermark(_policy));
        return new PartitionBatchOutcome(inOrder, late, tooLate, Clock.Watermark(_policy));
    }

    /// <summary>The bucket deltas since the last drain, for the writer of this partition's rows.</summary>
    public IReadOnlyList<MinuteBucket> DrainBuckets() => _buckets.Drain();

    /// <summary>This partition's open and aged cases at <paramref name="at"/>.</summary>
    public BacklogSnapshot Backlog(DateTimeOffset at) => _backlog.Snapshot(at, _settings.AgedBacklogAge);

    private void Count(CxEvent cxEvent)
    {
        _buckets.Add(cxEvent);
        _backlog.Apply(cxEvent);
        if (_firstContact is not null)
        {
            AddDerived(_firstContact.Observe(cxEvent));
        }
    }

    private void AddDerived(IReadOnlyList<DerivedObservation> derived)
    {
        foreach (var d in derived)
        {
            _buckets.Add(d.Observation, d.Time, d.Slices.ToArray());
        }
    }
}
