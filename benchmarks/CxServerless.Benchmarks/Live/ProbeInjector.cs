using System.Globalization;
using CxServerless.Domain.Events;
using CxSim.Formats;
using CxSim.Generation;

namespace CxServerless.Benchmarks.Live;

/// <summary>
/// Sends probes through the tracking sender and stamps each one's T_close when a later accepted send closes its window.
/// A probe is five <c>ContactAnswered</c> events with a 1000 s wait on queue <c>probe-N</c>, event time = now.
/// </summary>
internal sealed class ProbeInjector
{
    private const int EventsPerProbe = 5;
    private readonly TrackingSender _sender;
    private readonly PartitionProgress _progress;
    private readonly TimeProvider _time;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly Lock _lock = new();
    private readonly List<AlertProbe> _probes = [];

    public ProbeInjector(TrackingSender sender, PartitionProgress progress, TimeProvider time)
    {
        _sender = sender;
        _progress = progress;
        _time = time;
        sender.Sent += StampClosed;
    }

    public IReadOnlyList<AlertProbe> Probes
    {
        get
        {
            lock (_lock)
            {
                return [.. _probes];
            }
        }
    }

    public AlertProbe? Find(int number)
    {
        lock (_lock)
        {
            return _probes.FirstOrDefault(p => p.Number == number);
        }
    }

    /// <summary>
    /// Sends probe number <paramref name="number"/> now; returns it (with <see cref="AlertProbe.PostedAt"/> null if the send failed).
    /// </summary>
    public async Task<AlertProbe> InjectAsync(int number, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var probe = new AlertProbe(number, now);
        var events = Enumerable.Range(0, EventsPerProbe).Select(i => Event(probe, i)).ToList();
        lock (_lock)
        {
            _probes.Add(probe);
        }

        probe.PostedAt = now;
        var outcome = await _sender.SendAsync(events, cancellationToken);
        if (outcome.Sent != events.Count)
        {
            probe.PostedAt = null;
            Console.Error.WriteLine($"probe {number}: {outcome.Failed} of {events.Count} events not accepted: {outcome.Error}");
        }

        return probe;
    }

    private void StampClosed(DateTimeOffset acceptedAt)
    {
        lock (_lock)
        {
            foreach (var probe in _probes.Where(p =>
                p.ClosedAt is null && p.PostedAt is not null && _progress.Closes(p.WindowEnd, acceptedAt)))
            {
                probe.ClosedAt = acceptedAt;
            }
        }
    }

    private SimulatedEvent Event(AlertProbe probe, int index)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"probe-{_run}-{probe.Number}-{index}");
        var cxEvent = new CxEvent
        {
            EventId = id,
            SourceSystem = "cx-bench",
            Type = CxEventType.ContactAnswered,
            EventTime = probe.EventTime,
            ConversationId = id,
            Channel = CxChannel.Voice,
            Queue = probe.Queue,
            Team = "team-probe",
            Region = "emea",
            Measures = new CxMeasures { WaitSeconds = BenchRules.ProbeWaitSeconds },
        };
        var body = CanonicalEventEncoder.Instance.Encode(cxEvent);
        return new SimulatedEvent(-1, probe.EventTime, id, cxEvent.Channel, body.Body, body.Format, cxEvent, null, default);
    }
}
