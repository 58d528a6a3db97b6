using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Analytics.Kpis;

/// <summary>
/// Derives first-contact-resolution outcomes per customer. Every handled contact (ending resolved, unresolved,
/// transferred or escalated) gets one outcome, counted when the watermark passes the contact's end + window: 1 when it
/// ended resolved and the same customer started no new contact within the window, else 0. Counting every outcome at
/// the same lag keeps the rate unbiased: counting the zeros at once and the ones a window later would read far too low
/// for the first window after a deployment (or a restart) and raise false alerts. So a window's rate is that of the
/// contacts that ended one FCR window earlier. Customers without a key are not counted. Not thread-safe; its memory is
/// one entry per handled contact inside the window.
/// </summary>
/// <param name="window">The first-contact-resolution window (<see cref="KpiSettings.FirstContactResolutionWindow"/>).</param>
public sealed class FirstContactResolutionTracker(TimeSpan window)
{
    private readonly Dictionary<string, List<Pending>> _byCustomer = new(StringComparer.Ordinal);
    private readonly PriorityQueue<Pending, DateTimeOffset> _expiries = new();

    /// <summary>How many handled contacts are waiting for their window to pass.</summary>
    public int PendingCount => _expiries.Count;

    /// <summary>Takes one event in; returns outcomes it settles (none: outcomes are settled by <see cref="Advance"/>).</summary>
    public IReadOnlyList<DerivedObservation> Observe(CxEvent cxEvent)
    {
        ArgumentNullException.ThrowIfNull(cxEvent);
        if (cxEvent.CustomerKey is not { Length: > 0 } customer)
        {
            return [];
        }

        switch (cxEvent.Type)
        {
            case CxEventType.ContactStarted when _byCustomer.TryGetValue(customer, out var open):
                foreach (var pending in open)
                {
                    if (cxEvent.EventTime > pending.EndedAt && cxEvent.EventTime <= pending.EndedAt + window)
                    {
                        pending.Repeated = true;
                    }
                }

                break;
            case CxEventType.ContactEnded
                when cxEvent.Outcome is CxOutcome.Resolved or CxOutcome.Unresolved or CxOutcome.Transferred or CxOutcome.Escalated:
                var entry = new Pending(customer, cxEvent.EventTime, cxEvent.Outcome == CxOutcome.Resolved, SlicesOf(cxEvent));
                if (!_byCustomer.TryGetValue(customer, out var list))
                {
                    list = [];
                    _byCustomer.Add(customer, list);
                }

                list.Add(entry);
                _expiries.Enqueue(entry, entry.EndedAt + window);
                break;
        }

        return [];
    }

    /// <summary>Settles every contact whose window has passed the watermark: its outcome, stamped at end + window.</summary>
    public IReadOnlyList<DerivedObservation> Advance(DateTimeOffset watermark)
    {
        var settled = new List<DerivedObservation>();
        while (_expiries.TryPeek(out var pending, out var expiry) && expiry <= watermark)
        {
            _expiries.Dequeue();
            var list = _byCustomer[pending.Customer];
            list.Remove(pending);
            if (list.Count == 0)
            {
                _byCustomer.Remove(pending.Customer);
            }

            settled.Add(new DerivedObservation(
                new KpiObservation(KpiId.FirstContactResolutionRate, pending.Resolved && !pending.Repeated ? 1 : 0),
                expiry,
                pending.Slices));
        }

        return settled;
    }

    private static Slice[] SlicesOf(CxEvent cxEvent)
    {
        Span<Slice> slices = new Slice[Slice.MaxPerEvent];
        var count = Slice.ForEvent(cxEvent, slices);
        return slices[..count].ToArray();
    }

    private sealed class Pending(string customer, DateTimeOffset endedAt, bool resolved, IReadOnlyList<Slice> slices)
    {
        public string Customer { get; } = customer;

        public DateTimeOffset EndedAt { get; } = endedAt;

        public bool Resolved { get; } = resolved;

        public IReadOnlyList<Slice> Slices { get; } = slices;

        public bool Repeated { get; set; }
    }
}
