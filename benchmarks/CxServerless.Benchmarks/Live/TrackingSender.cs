using CxHost.EventHubs;
using CxSim.Generation;
using CxSim.Sending;

namespace CxServerless.Benchmarks.Live;

/// <summary>
/// cx-sim's Event Hubs REST sender, plus bookkeeping: each accepted event is recorded against the partition cx-host
/// hashes its partition key to, and <see cref="Sent"/> fires after every accepted batch (the probes use it to stamp the
/// moment their window is closed).
/// </summary>
internal sealed class TrackingSender(IBatchSender inner, PartitionProgress progress, int partitions, TimeProvider time) : IBatchSender
{
    private long _sent;
    private long _failed;

    /// <summary>Raised after a batch was accepted, with the time of acceptance.</summary>
    public event Action<DateTimeOffset>? Sent;

    public long SentEvents => Interlocked.Read(ref _sent);

    public long FailedEvents => Interlocked.Read(ref _failed);

    public async Task<BatchOutcome> SendAsync(IReadOnlyList<SimulatedEvent> batch, CancellationToken cancellationToken)
    {
        var outcome = await inner.SendAsync(batch, cancellationToken);
        var now = time.GetUtcNow();
        Interlocked.Add(ref _sent, outcome.Sent);
        Interlocked.Add(ref _failed, outcome.Failed);
        if (outcome.Sent > 0)
        {
            progress.Accepted(
                batch
                    .Where((_, i) => outcome.WasSent(i))
                    .Select(e => (PartitionKeyHasher.PartitionFor(e.PartitionKey, partitions), e.EventTime)),
                now);
            Sent?.Invoke(now);
        }

        return outcome;
    }
}
