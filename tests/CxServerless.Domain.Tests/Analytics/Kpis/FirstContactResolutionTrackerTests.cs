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
        Assert.Empty(tracker.Observe(Started(T0.AddDays(3))));
        Assert.Empty(tracker.Advance(T0.AddDays(6)));
        var outcome = Assert.Single(tracker.Advance(T0.AddDays(30)));
        Assert.Equal(0, outcome.Observation.Value);
        Assert.Equal(T0 + Window, outcome.Time); // every outcome at the same lag, so the rate is not biased
        Assert.Empty(tracker.Advance(T0.AddDays(31)));
    }

    [Fact]
    public void A_contact_after_the_window_does_not_count_as_a_repeat()
    {
        var tracker = new FirstContactResolutionTracker(Window);
        tracker.Observe(Ended(T0, CxOutcome.Resolved));
        Assert.Empty(tracker.Observe(Started(T0.AddDays(8))));
        Assert.Equal(1, Assert.Single(tracker.Advance(T0.AddDays(8))).Observation.Value);
    }

    [Theory]
    [InlineData(CxOutcome.Unresolved)]
    [InlineData(CxOutcome.Transferred)]
    [InlineData(CxOutcome.Escalated)]
    public void An_unresolved_contact_is_a_zero_counted_at_the_same_lag_as_the_ones(CxOutcome outcome)
    {
        var tracker = new FirstContactResolutionTracker(Window);
        Assert.Empty(tracker.Observe(Ended(T0, outcome)));
        Assert.Empty(tracker.Advance(T0 + Window - TimeSpan.FromTicks(1)));
        var settled = Assert.Single(tracker.Advance(T0 + Window));
        Assert.Equal(0, settled.Observation.Value);
        Assert.Equal(T0 + Window, settled.Time);
    }

    [Fact]
    public void The_first_window_after_a_start_is_not_biased_low()
    {
        // Half the contacts resolved: the rate must read 50 %, not 0 % while the resolved ones wait for their window.
        var tracker = new FirstContactResolutionTracker(Window);
        for (var i = 0; i < 10; i++)
        {
            tracker.Observe(Ended(T0.AddMinutes(i), i % 2 == 0 ? CxOutcome.Resolved : CxOutcome.Unresolved, $"cust-{i}"));
        }

        Assert.Empty(tracker.Advance(T0.AddDays(1)));
        var settled = tracker.Advance(T0 + Window + TimeSpan.FromMinutes(10));
        Assert.Equal(10, settled.Count);
        Assert.Equal(0.5, settled.Average(s => s.Observation.Value));
        Assert.Equal(0, tracker.PendingCount);
    }

    [Fact]
    public void A_repeat_marks_every_open_contact_of_the_customer()
    {
        var tracker = new FirstContactResolutionTracker(Window);
        tracker.Observe(Ended(T0, CxOutcome.Resolved));
        tracker.Observe(Ended(T0.AddDays(1), CxOutcome.Resolved));
        tracker.Observe(Started(T0.AddDays(2)));
        Assert.All(tracker.Advance(T0.AddDays(20)), s => Assert.Equal(0, s.Observation.Value));
    }

    [Fact]
    public void Other_customers_do_not_interfere()
    {
        var tracker = new FirstContactResolutionTracker(Window);
        tracker.Observe(Ended(T0, CxOutcome.Resolved, "cust-a"));
        Assert.Empty(tracker.Observe(Started(T0.AddDays(1), "cust-b")));
        Assert.Equal(1, Assert.Single(tracker.Advance(T0 + Window)).Observation.Value);
    }
}
