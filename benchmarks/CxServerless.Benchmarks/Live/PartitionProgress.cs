namespace CxServerless.Benchmarks.Live;

/// <summary>
/// What the harness has had accepted (HTTP 201) per Event Hubs partition: the newest event time and when it was last
/// sent to. From this it tells when a tumbling window must be closed in the app: the global watermark is the slowest
/// watermark (newest event time − allowed lateness) over partitions that are not idle, so a window ending at E is final
/// once every partition sent to within the idle timeout has been sent an event at or after E + allowed lateness.
/// </summary>
internal sealed class PartitionProgress(int partitions, TimeSpan allowedLateness, TimeSpan idleTimeout)
{
    private readonly Lock _lock = new();
    private readonly DateTimeOffset[] _newest = Enumerable.Repeat(DateTimeOffset.MinValue, partitions).ToArray();
    private readonly DateTimeOffset[] _lastSent = Enumerable.Repeat(DateTimeOffset.MinValue, partitions).ToArray();

    /// <summary>Records accepted events: their partitions and event times, accepted at <paramref name="acceptedAt"/>.</summary>
    public void Accepted(IEnumerable<(int Partition, DateTimeOffset EventTime)> events, DateTimeOffset acceptedAt)
    {
        lock (_lock)
        {
            foreach (var (partition, eventTime) in events)
            {
                _newest[partition] = eventTime > _newest[partition] ? eventTime : _newest[partition];
                _lastSent[partition] = acceptedAt;
            }
        }
    }

    /// <summary>
    /// Whether the window ending at <paramref name="windowEnd"/> is closed by what was accepted by <paramref name="now"/>.
    /// </summary>
    public bool Closes(DateTimeOffset windowEnd, DateTimeOffset now)
    {
        lock (_lock)
        {
            var active = Enumerable.Range(0, partitions)
                .Where(p => _lastSent[p] != DateTimeOffset.MinValue && now - _lastSent[p] <= idleTimeout)
                .ToList();
            return active.Count > 0 && active.All(p => _newest[p] - allowedLateness >= windowEnd);
        }
    }
}
