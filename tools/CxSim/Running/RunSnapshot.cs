using CxServerless.Domain.Events;
using CxSim.Faults;

namespace CxSim.Running;

/// <summary>
/// The counts of a run at one moment. Every generated event is exactly one of: sent (accepted), failed (given up after
/// retries or refused), not sent (the run stopped first), or pending (in a batch or a request right now).
/// <see cref="Retries"/> sums <see cref="Sending.BatchOutcome.Retries"/>: on the REST path, the requests beyond one per
/// batch (retries, and halves of batches the service found too large).
/// </summary>
public sealed record RunSnapshot(
    long Generated,
    long Sent,
    long Failed,
    long NotSent,
    long Batches,
    long Requests,
    long Retries,
    IReadOnlyDictionary<CxChannel, long> SentByChannel,
    IReadOnlyDictionary<MalformedKind, long> MalformedSent,
    IReadOnlyDictionary<PiiKinds, long> PiiSent,
    long PiiEventsSent,
    DateTimeOffset? LastEventTime,
    string? LastError)
{
    /// <summary>Events generated but neither sent nor failed yet (in a batch or a request).</summary>
    public long Pending => Generated - Sent - Failed - NotSent;

    /// <summary>All malformed events sent.</summary>
    public long MalformedTotal => MalformedSent.Values.Sum();
}
