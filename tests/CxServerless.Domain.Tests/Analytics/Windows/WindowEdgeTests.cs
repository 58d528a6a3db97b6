using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Events;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Windows;

/// <summary>Window edges as in Azure Stream Analytics: start excluded, end included, stamped with the end.</summary>
public sealed class WindowEdgeTests
{
    private static MinuteSeries VolumeOf(params DateTimeOffset[] times)
    {
        var accumulator = new MinuteBucketAccumulator("0", KpiSettings.Default);
        foreach (var time in times)
        {
            accumulator.Add(Event(CxEventType.ContactStarted, time));
        }

        return MinuteSeries.For(accumulator.Snapshot(), KpiId.ContactVolume, Slice.All);
    }

    [Fact]
    public void An_event_exactly_on_a_minute_belongs_to_the_minute_it_ends()
    {
        Assert.Equal(EventMinutes.MinuteOf(At(1)), EventMinutes.MinuteOf(At(0, 0.5)));
        Assert.Equal(EventMinutes.MinuteOf(At(1)) + 1, EventMinutes.MinuteOf(At(1).AddTicks(1)));
        Assert.Equal(At(1), EventMinutes.EndOf(EventMinutes.MinuteOf(At(1))));
    }

    [Fact]
    public void Tumbling_window_includes_its_end_and_excludes_its_start()
    {
        var series = VolumeOf(At(0), At(0).AddTicks(1), At(5), At(5).AddTicks(1));
        var windows = WindowComposer.Compose(series, WindowSpec.Tumbling(TimeSpan.FromMinutes(5)), At(0), At(10));
        Assert.Equal([At(0), At(5), At(10)], windows.Select(w => w.End));
        Assert.Equal([1d, 2d, 1d], windows.Select(w => w.Value!.Value)); // 10:00 → (9:55,10:00]; 10:00+1 tick and 10:05 → (10:00,10:05]
        Assert.All(windows, w => Assert.Equal(w.End - TimeSpan.FromMinutes(5), w.Start));
    }

    [Fact]
    public void Hopping_window_of_15_minutes_every_minute_counts_an_event_in_15_windows()
    {
        var spec = WindowSpec.Hopping(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(1));
        var windows = WindowComposer.Compose(VolumeOf(At(0, 30)), spec, At(-5), At(20));
        var counted = windows.Where(w => w.Value > 0).Select(w => w.End).ToArray();
        Assert.Equal(Enumerable.Range(1, 15).Select(m => At(m)), counted);
        Assert.Equal(counted, spec.EndsContaining(At(0, 30)));
    }

    [Fact]
    public void Hopping_offset_shifts_the_window_edges()
    {
        var spec = WindowSpec.Hopping(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2));
        Assert.Equal([At(2), At(7)], spec.EndsContaining(At(0)));
        Assert.Equal([At(2), At(7)], spec.EndsContaining(At(2)));
        Assert.Equal([At(7), At(12)], spec.EndsContaining(At(2).AddTicks(1)));

        var windows = WindowComposer.Compose(VolumeOf(At(2), At(3)), spec, At(0), At(15));
        Assert.Equal([(At(2), 1d), (At(7), 2d), (At(12), 1d)], windows.Where(w => w.Value > 0).Select(w => (w.End, w.Value!.Value)));
    }

    [Fact]
    public void Windows_are_aligned_to_zero_time_not_to_the_first_event()
    {
        var spec = WindowSpec.Tumbling(TimeSpan.FromMinutes(7));
        var end = spec.FirstEndAtOrAfter(At(0));
        Assert.Equal(0, end.UtcTicks % TimeSpan.FromMinutes(7).Ticks);
        Assert.True(end >= At(0) && end < At(7));
    }

    [Fact]
    public void Count_windows_without_events_report_zero_so_a_dead_queue_shows()
    {
        var windows = WindowComposer.Compose(VolumeOf(At(1)), WindowSpec.Tumbling(TimeSpan.FromMinutes(1)), At(1), At(3));
        Assert.Equal([1d, 0d, 0d], windows.Select(w => w.Value!.Value));
    }

    [Fact]
    public void Mean_windows_without_data_are_not_emitted()
    {
        var accumulator = new MinuteBucketAccumulator("0", KpiSettings.Default);
        accumulator.Add(Answered(At(1), 30));
        var series = MinuteSeries.For(accumulator.Snapshot(), KpiId.AverageSpeedOfAnswer, Slice.All);
        Assert.Single(WindowComposer.Compose(series, WindowSpec.Tumbling(TimeSpan.FromMinutes(1)), At(0), At(5)));
    }

    [Fact]
    public void Sliding_window_emits_when_a_minute_enters_and_when_it_leaves()
    {
        var windows = WindowComposer.Compose(VolumeOf(At(0, 30), At(2, 30)), WindowSpec.Sliding(TimeSpan.FromMinutes(5)), At(-10), At(20));
        Assert.Equal(
            [(At(1), 1d), (At(3), 2d), (At(6), 1d)],
            windows.Select(w => (w.End, w.Value!.Value)));
    }

    [Fact]
    public void Sliding_window_over_buckets_matches_event_level_sliding_at_minute_ends()
    {
        DateTimeOffset[] times = [At(0, 10), At(0, 50), At(3, 5), At(3, 59), At(9, 0), At(12, 30)];
        var size = TimeSpan.FromMinutes(4);
        var reference = SlidingWindow.Evaluate(times.Select(t => new TimedValue(t, 1)), size);
        var windows = WindowComposer.Compose(VolumeOf(times), WindowSpec.Sliding(size), At(-10), At(30)).ToDictionary(w => w.End);

        // Every bucket-composed window holds exactly the events in (end − size, end].
        Assert.All(windows.Values, w => Assert.Equal(CountInside(times, w.End, size), w.Value));

        // Every event-level output that falls on a minute end is matched by a bucket-composed window.
        var onMinuteEnds = reference.Where(r => r.End.UtcTicks % TimeSpan.TicksPerMinute == 0).ToArray();
        Assert.NotEmpty(onMinuteEnds);
        Assert.All(onMinuteEnds, r => Assert.Equal(r.Aggregate.Weight, windows[r.End].Value));
    }

    [Fact]
    public void Event_level_sliding_window_emits_on_entry_and_exit()
    {
        var outputs = SlidingWindow.Evaluate([new(At(0), 1), new(At(2), 1)], TimeSpan.FromMinutes(5));
        Assert.Equal([(At(0), 1L), (At(2), 2L), (At(5), 1L)], outputs.Select(o => (o.End, o.Aggregate.Weight)));
    }

    [Fact]
    public void Window_is_provisional_until_the_global_watermark_passes_its_end()
    {
        var windows = WindowComposer.Compose(VolumeOf(At(1), At(2)), WindowSpec.Tumbling(TimeSpan.FromMinutes(1)), At(1), At(2), globalWatermark: At(1));
        Assert.Equal([WindowStatus.Final, WindowStatus.Provisional], windows.Select(w => w.Status));
    }

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(1.5, 1, 0)]
    [InlineData(15, 16, 0)]
    [InlineData(15, 5, 5)]
    [InlineData(15, 5, -1)]
    [InlineData(15, 5, 0.5)]
    [InlineData(20000, 5, 0)]
    public void Invalid_window_parameters_are_rejected(double size, double hop, double offset) =>
        Assert.NotNull(WindowSpec.Validate(TimeSpan.FromMinutes(size), TimeSpan.FromMinutes(hop), TimeSpan.FromMinutes(offset)));

    private static double CountInside(DateTimeOffset[] times, DateTimeOffset end, TimeSpan size) =>
        times.Count(t => t > end - size && t <= end);
}
