using CxServerless.Functions.Analytics;

namespace CxServerless.Functions.Ingestion;

/// <summary>
/// Work that follows ingestion off its hot path (sentiment scoring, feedback rules, interventions): told about the events a
/// batch stored, after the KPI buckets and before the partition's counters commit. A sink that throws fails the invocation,
/// so the host redelivers the whole batch and every sink sees its events again (events the earlier attempt stored come back
/// as this delivery's own). Delivery is therefore at least once: a sink must be idempotent per event, keyed by the event's
/// stored identity (<see cref="SequencedEvent"/>'s event id and source) rather than by arrival. A sink should only enqueue
/// or record, never call out of the app: the batch waits for it.
/// </summary>
public interface IStoredEventSink
{
    /// <summary>Takes the events a batch stored (masked and pseudonymised, in partition order); never called with none.</summary>
    Task AcceptAsync(IReadOnlyList<SequencedEvent> stored, CancellationToken cancellationToken);
}
