using CxServerless.Domain.Analytics.Windows;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Windows;

public sealed class SessionWindowTests
{
    private static readonly SessionWindowSpec FiveAndTen = new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));

    private static IReadOnlyList<SessionWindow> Sessions(SessionWindowSpec spec, DateTimeOffset asOf, params double[] minutes) =>
        SessionWindows.Compute(minutes.Select(m => ("conv-1", At(m))), spec, asOf);

    [Fact]
    public void A_gap_longer_than_the_timeout_starts_a_new_session()
    {
        var sessions = Sessions(FiveAndTen, At(60), 1, 3, 5, 20);
        Assert.Equal(
            [(At(1), At(10), 3), (At(20), At(25), 1)],
            sessions.Select(s => (s.Start, s.End, s.EventCount)));
        Assert.All(sessions, s => Assert.True(s.IsClosed));
    }

    [Fact]
    public void An_event_exactly_one_timeout_after_the_last_extends_the_session()
    {
        var sessions = Sessions(FiveAndTen, At(60), 1, 6);
        var session = Assert.Single(sessions);
        Assert.Equal((At(1), At(11), 2), (session.Start, session.End, session.EventCount));
    }

    [Fact]
    public void Maximum_duration_is_checked_at_its_own_multiples_so_a_session_can_run_up_to_twice_as_long()
    {
        // Events every 3 minutes from 10:01. Checks at 10:10 (9 min, not over 10), 10:20 (19 min: cut).
        var sessions = Sessions(FiveAndTen, At(60), 1, 4, 7, 10, 13, 16, 19, 22, 25);
        Assert.Equal(
            [(At(1), At(20), 7), (At(20), At(30), 2)],
            sessions.Select(s => (s.Start, s.End, s.EventCount)));
    }

    [Fact]
    public void An_event_exactly_at_the_check_point_stays_in_the_session_being_cut()
    {
        var sessions = Sessions(FiveAndTen, At(60), 1, 5, 9, 13, 17, 20);
        Assert.Equal([(At(1), At(20), 6)], sessions.Select(s => (s.Start, s.End, s.EventCount)));
    }

    [Fact]
    public void A_session_still_within_its_timeout_is_not_closed()
    {
        var session = Assert.Single(Sessions(FiveAndTen, At(7), 1, 3));
        Assert.False(session.IsClosed);
        Assert.Equal(At(8), session.End);
    }

    [Fact]
    public void Sessions_are_computed_per_conversation_from_events_in_any_order()
    {
        var sessions = SessionWindows.Compute(
            [("b", At(3)), ("a", At(2)), ("b", At(1)), ("a", At(30))],
            FiveAndTen,
            At(60));
        Assert.Equal(
            [("a", At(2), 1), ("a", At(30), 1), ("b", At(1), 2)],
            sessions.Select(s => (s.Key, s.Start, s.EventCount)));
    }

    [Fact]
    public void Invalid_spec_is_rejected() =>
        Assert.Throws<ArgumentException>(() => SessionWindows.Compute([], new SessionWindowSpec(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5)), At(0)));
}
