using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.EventTime;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.EventTime;

public sealed class WatermarkTests
{
    private static readonly WatermarkPolicy Policy = new(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1));

    private static PartitionClock Clock(string partition, DateTimeOffset maxEventTime, DateTimeOffset lastArrival) =>
        new(partition, maxEventTime, lastArrival);

    [Fact]
    public void Events_are_in_order_late_or_too_late_against_the_partition_watermark()
    {
        var clock = PartitionClock.Empty("0");
        (var first, clock) = Watermarks.Observe(clock, At(10), At(10), Policy);
        (var outOfOrder, clock) = Watermarks.Observe(clock, At(8, 1), At(10, 5), Policy);
        (var atWatermark, clock) = Watermarks.Observe(clock, At(8), At(10, 6), Policy);

        Assert.Equal(EventTimeliness.InOrder, first);
        Assert.Equal(EventTimeliness.Late, outOfOrder);
        Assert.Equal(EventTimeliness.TooLate, atWatermark);
        Assert.Equal(At(10), clock.MaxEventTime);
        Assert.Equal(At(10, 6), clock.LastArrival);
        Assert.Equal(At(8), clock.Watermark(Policy));
    }

    [Fact]
    public void Global_watermark_is_the_slowest_active_partition()
    {
        var clocks = new[] { Clock("0", At(10), At(10)), Clock("1", At(7), At(10)) };
        Assert.Equal(At(5), Watermarks.Global(clocks, At(10, 30), Policy));
    }

    [Fact]
    public void An_idle_partition_does_not_stall_the_global_watermark()
    {
        var clocks = new[] { Clock("0", At(10), At(10)), Clock("1", At(3), At(8)) };
        Assert.Equal(At(1), Watermarks.Global(clocks, At(8, 30), Policy));
        Assert.Equal(At(8), Watermarks.Global(clocks, At(9, 1), Policy)); // partition 1 silent for over a minute
    }

    [Fact]
    public void When_every_partition_is_idle_the_most_advanced_watermark_holds()
    {
        var clocks = new[] { Clock("0", At(10), At(10)), Clock("1", At(3), At(8)) };
        Assert.Equal(At(8), Watermarks.Global(clocks, At(30), Policy));
        Assert.Null(Watermarks.Global([PartitionClock.Empty("0")], At(30), Policy));
    }

    [Fact]
    public void An_idle_partition_that_wakes_up_behind_the_published_watermark_is_too_late()
    {
        var idle = Clock("1", At(3), At(8));
        var (timeliness, _) = Watermarks.Observe(idle, At(5), At(20), Policy, finalThrough: At(8));
        Assert.Equal(EventTimeliness.TooLate, timeliness);
        Assert.Equal(EventTimeliness.InOrder, Watermarks.Observe(idle, At(8, 1), At(20), Policy, finalThrough: At(8)).Timeliness);
    }

    [Fact]
    public void A_late_event_within_lateness_corrects_the_provisional_window_at_once()
    {
        var accumulator = new MinuteBucketAccumulator("0", KpiSettings.Default);
        var clock = PartitionClock.Empty("0");
        var spec = WindowSpec.Tumbling(TimeSpan.FromMinutes(5));

        foreach (var e in new[] { Answered(At(4), 10), Answered(At(6), 20) })
        {
            (_, clock) = Watermarks.Observe(clock, e.EventTime, e.EventTime, Policy);
            accumulator.Add(e);
        }

        var before = Window(accumulator, spec, clock);
        Assert.Equal((10d, WindowStatus.Provisional), (before.Value!.Value, before.Status));

        var late = Answered(At(4, 30), 40);
        (var timeliness, clock) = Watermarks.Observe(clock, late.EventTime, At(6, 10), Policy);
        Assert.Equal(EventTimeliness.Late, timeliness);
        accumulator.Add(late);
        var after = Window(accumulator, spec, clock);
        Assert.Equal((25d, WindowStatus.Provisional), (after.Value!.Value, after.Status));

        (_, clock) = Watermarks.Observe(clock, At(7, 1), At(7, 1), Policy);
        Assert.Equal(WindowStatus.Final, Window(accumulator, spec, clock).Status);
    }

    private static WindowResult Window(MinuteBucketAccumulator accumulator, WindowSpec spec, PartitionClock clock) =>
        Assert.Single(WindowComposer.Compose(
            MinuteSeries.For(accumulator.Snapshot(), KpiId.AverageSpeedOfAnswer, Slice.All),
            spec,
            At(5),
            At(5),
            Watermarks.Global([clock], clock.LastArrival, Policy)));
}
