using CxServerless.Domain.Analytics.Windows;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Windows;

public sealed class StoreActivityTests
{
    // Minutes are named by their end: minute m is (m − 1 min, m min]; At(n) is the end of a minute.
    private static long Minute(int n) => EventMinutes.MinuteOf(At(n));

    private static StoreActivity Activity(params int[] minutes) => new(minutes.Select(Minute));

    [Fact]
    public void A_window_with_data_throughout_is_not_idle() =>
        Assert.False(Activity([.. Enumerable.Range(1, 30)]).WasIdleDuring(At(10), At(25)));

    [Fact]
    public void A_window_that_begins_before_the_first_event_is_idle()
    {
        var activity = Activity([.. Enumerable.Range(20, 30)]);
        Assert.True(activity.WasIdleDuring(At(5), At(20))); // only its last minute has data
        Assert.True(activity.WasIdleDuring(At(18), At(33)));
        Assert.False(activity.WasIdleDuring(At(19), At(34))); // its first minute is the first with data
    }

    [Fact]
    public void Short_gaps_are_quiet_minutes_but_a_stretch_of_five_is_idle()
    {
        int[] gapOfFour = [.. Enumerable.Range(1, 10), .. Enumerable.Range(15, 20)];
        Assert.False(Activity(gapOfFour).WasIdleDuring(At(5), At(20)));
        int[] gapOfFive = [.. Enumerable.Range(1, 10), .. Enumerable.Range(16, 20)];
        Assert.True(Activity(gapOfFive).WasIdleDuring(At(5), At(20)));
        Assert.True(Activity(gapOfFive).WasIdleDuring(At(12), At(27))); // the gap is before its first data minute
        Assert.False(Activity(gapOfFive).WasIdleDuring(At(15), At(30))); // the gap ended before it began
    }

    [Fact]
    public void A_stretch_still_going_on_at_the_window_end_counts_up_to_that_end()
    {
        var activity = Activity([.. Enumerable.Range(1, 20)]);
        Assert.False(activity.WasIdleDuring(At(9), At(24))); // four quiet minutes so far
        Assert.True(activity.WasIdleDuring(At(10), At(25)));
    }

    [Fact]
    public void Nothing_at_all_is_idle() => Assert.True(Activity().WasIdleDuring(At(0), At(15)));
}
