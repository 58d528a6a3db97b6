using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Analytics.Kpis;

/// <summary>
/// Derives first-contact-resolution outcomes per customer. A contact that ends resolved is a first-contact resolution
/// when the same customer starts no new contact within the window; the outcome (1) is known, and counted, when the
/// watermark passes the contact's end + window. A repeat contact inside the window makes it 0, counted at the repeat's
/// time; a contact that ends unresolved, transferred or escalated is 0 at once. Customers without a key are not
/// counted. Not thread-safe; its memory is one entry per customer with a resolved contact inside the window.
/// </summary>
/// <param name="window">The first-contact-resolution window (<see cref="KpiSettings.FirstContactResolutionWindow"/>).</param>
public sealed class FirstContactResolutionTracker(TimeSpan window)
{
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _expiries = new();

    /// <summary>How many resolved contacts are waiting for their window to pass.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Takes one event in; returns the outcomes it settles (none for most events).</summary>
    public IReadOnlyList<DerivedObservation> Observe(CxEvent cxEvent)
    {
        ArgumentNullException.ThrowIfNull(cxEvent);
        if (cxEvent.CustomerKey is not { Length: > 0 } customer)
        {
            return [];
        }

        return cxEvent.Type switch
        {
            CxEventType.ContactStarted => SettleRepeat(customer, cxEvent.EventTime),
            CxEventType.ContactEnded when cxEvent.Outcome == CxOutcome.Resolved => StartWaiting(customer, cxEvent),
            CxEventType.ContactEnded when cxEvent.Outcome is CxOutcome.Unresolved or CxOutcome.Transferred or CxOutcome.Escalated =>
                [Outcome(0, cxEvent.EventTime, SlicesOf(cxEvent))],
            _ => [],
        };
    }

    /// <summary>Settles every resolved contact whose window ended at or before <paramref name="watermark"/> as a first-contact resolution.</summary>
    public IReadOnlyList<DerivedObservation> Advance(DateTimeOffset watermark)
    {
        var settled = new List<DerivedObservation>();
        while (_expiries.TryPeek(out var customer, out var expiry) && expiry <= watermark)
        {
            _expiries.Dequeue();
            if (_pending.TryGetValue(customer, out var pending) && pending.ResolvedAt + window == expiry)
            {
                _pending.Remove(customer);
                settled.Add(Outcome(1, expiry, pending.Slices));
            }
        }

        return settled;
    }

    private DerivedObservation[] SettleRepeat(string customer, DateTimeOffset time)
    {
        if (!_pending.TryGetValue(customer, out var pending) || time <= pending.ResolvedAt || time > pending.ResolvedAt + window)
        {
            return [];
        }

        _pending.Remove(customer);
        return [Outcome(0, time, pending.Slices)];
    }

    private DerivedObservation[] StartWaiting(string customer, CxEvent cxEvent)
    {
        _pending[customer] = new Pending(cxEvent.EventTime, SlicesOf(cxEvent));
        _expiries.Enqueue(customer, cxEvent.EventTime + window);
        return [];
    }

    private static DerivedObservation Outcome(double value, DateTimeOffset time, IReadOnlyList<Slice> slices) =>
        new(new KpiObservation(KpiId.FirstContactResolutionRate, value), time, slices);

    private static Slice[] SlicesOf(CxEvent cxEvent)
    {
        Span<Slice> slices = new Slice[Slice.MaxPerEvent];
        var count = Slice.ForEvent(cxEvent, slices);
        return slices[..count].ToArray();
    }

    private sealed record Pending(DateTimeOffset ResolvedAt, IReadOnlyList<Slice> Slices);
}
