using System.Collections.Concurrent;
using CxServerless.Domain.Events;
using CxSim.Faults;
using CxSim.Generation;
using CxSim.Sending;

namespace CxSim.Running;

/// <summary>Thread-safe tallies of a run, updated by the producer and the senders.</summary>
public sealed class RunCounters
{
    private readonly ConcurrentDictionary<CxChannel, long> _byChannel = new();
    private readonly ConcurrentDictionary<MalformedKind, long> _malformed = new();
    private readonly ConcurrentDictionary<PiiKinds, long> _pii = new();
    private long _generated;
    private long _sent;
    private long _failed;
    private long _notSent;
    private long _batches;
    private long _requests;
    private long _retries;
    private long _piiEvents;
    private long _lastEventTicks;
    private volatile string? _lastError;

    /// <summary>Counts an event handed to a batch.</summary>
    public void Generated(SimulatedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Interlocked.Increment(ref _generated);
        var ticks = e.EventTime.UtcTicks;
        long seen;
        while ((seen = Interlocked.Read(ref _lastEventTicks)) < ticks
            && Interlocked.CompareExchange(ref _lastEventTicks, ticks, seen) != seen)
        {
        }
    }

    /// <summary>Records what became of a batch.</summary>
    public void Completed(IReadOnlyList<SimulatedEvent> batch, BatchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(outcome);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _requests, outcome.Requests);
        Interlocked.Add(ref _retries, outcome.Retries);
        Interlocked.Add(ref _failed, outcome.Failed);
        if (outcome.Error is not null)
        {
            _lastError = outcome.Error;
        }

        if (outcome.Sent == 0)
        {
            return;
        }

        foreach (var e in batch.Where((_, position) => outcome.WasSent(position)))
        {
            _byChannel.AddOrUpdate(e.Channel, 1, (_, n) => n + 1);
            if (e.Malformed is { } kind)
            {
                _malformed.AddOrUpdate(kind, 1, (_, n) => n + 1);
            }

            if (e.Pii != PiiKinds.None)
            {
                Interlocked.Increment(ref _piiEvents);
                foreach (var flag in Enum.GetValues<PiiKinds>().Where(f => f != PiiKinds.None && e.Pii.HasFlag(f)))
                {
                    _pii.AddOrUpdate(flag, 1, (_, n) => n + 1);
                }
            }
        }

        Interlocked.Add(ref _sent, outcome.Sent);
    }

    /// <summary>Records events that will not be sent because the run stopped first.</summary>
    public void NotSent(int count, string reason)
    {
        Interlocked.Add(ref _notSent, count);
        _lastError = reason;
    }

    /// <summary>The counts now.</summary>
    public RunSnapshot Snapshot()
    {
        var requests = Interlocked.Read(ref _requests);
        var lastTicks = Interlocked.Read(ref _lastEventTicks);
        return new RunSnapshot(
            Interlocked.Read(ref _generated),
            Interlocked.Read(ref _sent),
            Interlocked.Read(ref _failed),
            Interlocked.Read(ref _notSent),
            Interlocked.Read(ref _batches),
            requests,
            Interlocked.Read(ref _retries),
            new SortedDictionary<CxChannel, long>(_byChannel),
            new SortedDictionary<MalformedKind, long>(_malformed),
            new SortedDictionary<PiiKinds, long>(_pii),
            Interlocked.Read(ref _piiEvents),
            lastTicks == 0 ? null : new DateTimeOffset(lastTicks, TimeSpan.Zero),
            _lastError);
    }
}
