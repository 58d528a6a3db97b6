using CsCheck;
using CxServerless.Domain.Analytics.Windows;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Windows;

public sealed class SessionWindowProperties
{
    [Fact]
    public void Sessions_hold_every_event_once_never_overlap_and_last_at_most_twice_the_maximum()
    {
        var spec = new SessionWindowSpec(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20));
        Gen.Int[0, 180 * 60].Array[1, 60].Sample(seconds =>
        {
            var times = seconds.Select(s => At(0, s)).ToArray();
            var sessions = SessionWindows.Compute(times.Select(t => ("k", t)), spec, At(1000));

            Assert.Equal(times.Length, sessions.Sum(s => s.EventCount));
            Assert.All(sessions, s => Assert.True(s.Duration <= 2 * spec.MaxDuration && s.Duration > TimeSpan.Zero));
            Assert.All(sessions.Zip(sessions.Skip(1)), pair => Assert.True(pair.Second.Start >= pair.First.End));
            Assert.All(sessions, s => Assert.Equal(s.EventCount, CountIn(times, sessions, s)));
        });
    }

    private static int CountIn(DateTimeOffset[] times, IReadOnlyList<SessionWindow> sessions, SessionWindow session)
    {
        // An event at a cut point belongs to the session the cut closes, not to the one that starts there.
        var previousEnd = sessions.Where(s => s.End <= session.Start).Select(s => (DateTimeOffset?)s.End).Max();
        return times.Count(t => t >= session.Start && t <= session.LastEvent && (previousEnd is null || t > previousEnd));
    }
}
