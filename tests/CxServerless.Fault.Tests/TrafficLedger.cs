using System.Collections.Concurrent;
using CxServerless.Domain.Events;
using CxSim.Generation;
using CxSim.Sending;

namespace CxServerless.Fault.Tests;

/// <summary>
/// cx-sim's sender with a ledger of what the producer was told was accepted (201 from the send API): the events the
/// app owes. An event sent twice (a retry after an ambiguous failure) is one entry.
/// </summary>
internal sealed class TrafficLedger(IBatchSender inner) : IBatchSender
{
    private readonly ConcurrentDictionary<string, CxEventType> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CxEventType> _attempted = new(StringComparer.Ordinal);
    private long _failed;

    /// <summary>Distinct well-formed events accepted.</summary>
    public int Accepted => _accepted.Count;

    /// <summary>Events the producer gave up on (not accepted, so not owed).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Distinct accepted events of one type.</summary>
    public int AcceptedOf(CxEventType type) => _accepted.Values.Count(t => t == type);

    /// <summary>
    /// The type of an event that was sent at least once, accepted or not (a send that failed may still have reached the
    /// log before the error, e.g. when storage went away mid-request).
    /// </summary>
    public CxEventType? TypeOf(string eventId) => _attempted.TryGetValue(eventId, out var type) ? type : null;

    /// <summary>The ids of the accepted events.</summary>
    public IReadOnlyCollection<string> Ids => [.. _accepted.Keys];

    public async Task<BatchOutcome> SendAsync(IReadOnlyList<SimulatedEvent> batch, CancellationToken cancellationToken)
    {
        foreach (var e in batch.Select(b => b.Event).OfType<CxEvent>())
        {
            _attempted[e.EventId] = e.Type;
        }

        var outcome = await inner.SendAsync(batch, cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcome.WasSent(i) && batch[i].Event is { } e)
            {
                _accepted[e.EventId] = e.Type;
            }
        }

        Interlocked.Add(ref _failed, outcome.Failed);
        return outcome;
    }
}
