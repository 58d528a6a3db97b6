using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Events;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Kpis;

public sealed class FirstContactResolutionTrackerTests
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    private static CxEvent Ended(DateTimeOffset time, CxOutcome outcome, string customer = "cust-a") =>
        Event(CxEventType.ContactEnded, time, outcome: outcome, customer: customer);

    private static CxEvent Started(DateTimeOffset time, string customer = "cust-a") =>
        Event(CxEventType.ContactStarted, time, customer: customer);

    [Fact]
    public void Resolved_without_a_repeat_is_a_first_contact_resolution_once_the_window_has_passed()
    {
        var tracker = new FirstContactResolutionTracker(Window);
        Assert.Empty(tracker.Observe(Ended(T0, CxOutcome.Resolved)));
        Assert.Empty(tracker.Advance(T0 + Window - TimeSpan.FromTicks(1)));

        var outcome = Assert.Single(tracker.Advance(T0 + Window));
        Assert.Equal(1, outcome.Observation.Value);
        Assert.Equal(KpiId.FirstContactResolutionRate, outcome.Observation.Kpi);
        Assert.Equal(T0 + Window, outcome.Time);
        Assert.Equal(0, tracker.PendingCount);
    }

    [Fact]
    public void A_repeat_contact_within_the_window_makes_it_not_resolved_on_first_contact()
    {
        var tracker = new FirstContactResolutionTracker(Window);
        tracker.Observe(Ended(T0, CxOutcome.Resolved));
        var outcome = Assert.Single(tracker.Observe(Started(T0.AddDays(3))));
        Assert.Equal(0, outcome.Observation.Value);
        Assert.Equal(T0.AddDays(3), outcome.Time);
        Assert.Empty(tracker.Advance(T0.AddDays(30)));
    }

    [Fact]
    public void A_contact_after_the_window_does_not_count_as_a_repeat()
    {
        var tracker = new FirstContactResolutionTracker(Window);
        tracker.Observe(Ended(T0, CxOutcome.Resolved));
        Assert.Empty(tracker.Observe(Started(T0.AddDays(8))));
        Assert.Equal(1, Assert.Single(tracker.Advance(T0.AddDays(8))).Observation.Value);
    }

    [Fact]
    public void Unresolved_contact_is_a_zero_at_once() =>
        Assert.Equal(0, Assert.Single(new FirstContactResolutionTracker(Window).Observe(Ended(T0, CxOutcome.Unresolved))).Observation.Value);

    [Fact]
    public void Other_customers_do_not_interfere()
    {
        var tracker = new FirstContactResolutionTracker(Window);
        tracker.Observe(Ended(T0, CxOutcome.Resolved, "cust-a"));
        Assert.Empty(tracker.Observe(Started(T0.AddDays(1), "cust-b")));
        Assert.Equal(1, Assert.Single(tracker.Advance(T0 + Window)).Observation.Value);
    }
}
