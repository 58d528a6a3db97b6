using CxServerless.Domain.Analytics.EventTime;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Partitions;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Events;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Partitions;

public sealed class PartitionAnalyticsTests
{
    private static readonly WatermarkPolicy Policy = new(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1));

    [Fact]
    public void Too_late_events_are_handed_back_and_not_counted()
    {
        var partition = new PartitionAnalytics("0", KpiSettings.Default, Policy);
        var first = partition.Accept([Answered(At(10), 10), Answered(At(9), 20)], At(10));
        var tooLate = Answered(At(7), 99);
        var second = partition.Accept([tooLate, Answered(At(11), 30)], At(11));

        Assert.Equal((1, 1, 0), (first.InOrder, first.Late, first.TooLate.Count));
        Assert.Equal((1, 0), (second.InOrder, second.Late));
        Assert.Same(tooLate, Assert.Single(second.TooLate));
        Assert.Equal(At(9), second.Watermark);

        var series = MinuteSeries.For(partition.DrainBuckets(), KpiId.AverageSpeedOfAnswer, Slice.All);
        var window = Assert.Single(WindowComposer.Compose(series, WindowSpec.Tumbling(TimeSpan.FromMinutes(15)), At(15), At(15)));
        Assert.Equal((3L, 20d), (window.SampleCount, window.Value!.Value));
    }

    [Fact]
    public void First_contact_resolutions_are_counted_once_the_watermark_passes_the_window()
    {
        var settings = KpiSettings.Default with { FirstContactResolutionWindow = TimeSpan.FromMinutes(30) };
        var partition = new PartitionAnalytics("0", settings, Policy);
        partition.Accept([Event(CxEventType.ContactEnded, At(0), outcome: CxOutcome.Resolved, customer: "c")], At(0));
        partition.Accept([Event(CxEventType.ContactStarted, At(40), customer: "other")], At(40));

        var fcr = MinuteSeries.For(partition.DrainBuckets(), KpiId.FirstContactResolutionRate, Slice.All);
        Assert.Equal([EventMinutesOf(At(30))], fcr.Minutes);
        Assert.Equal(100, Assert.Single(WindowComposer.Compose(fcr, WindowSpec.Tumbling(TimeSpan.FromMinutes(60)), At(60), At(60))).Value);
    }

    [Fact]
    public void Backlog_snapshot_counts_this_partitions_cases()
    {
        var partition = new PartitionAnalytics("0", KpiSettings.Default, Policy);
        partition.Accept([Event(CxEventType.CaseOpened, At(0).AddDays(-3), conversation: "a"), Event(CxEventType.CaseOpened, At(0), conversation: "b")], At(0));
        Assert.Equal((2, 1), (partition.Backlog(At(1)).Open, partition.Backlog(At(1)).Aged));
    }

    private static long EventMinutesOf(DateTimeOffset time) => EventMinutes.MinuteOf(time);
}
