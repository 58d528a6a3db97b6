using System.Text.Json.Nodes;
using CxHost.Timers;

namespace CxHost.Tests.Timers;

public sealed class TimerScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0 */5 * * * *", "2026-11-23T12:05:00+00:00")]
    [InlineData("30 0 * * * *", "2026-11-23T12:00:30+00:00")]
    [InlineData("0 0 9 * * Mon", "2026-11-30T09:00:00+00:00")]
    [InlineData("0 30 9-17 * * 1-5", "2026-11-23T12:30:00+00:00")]
    public void Next_follows_six_field_ncrontab_in_utc(string expression, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimerSchedule.Parse(expression).Next(Noon));
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("00:05:00")]
    [InlineData("0 61 * * * *")]
    public void Parse_refuses_what_is_not_six_field_ncrontab(string expression)
    {
        Assert.Throws<InvalidOperationException>(() => TimerSchedule.Parse(expression));
    }

    [Fact]
    public void A_run_is_past_due_only_when_it_starts_later_than_the_tolerance()
    {
        Assert.False(TimerSchedule.IsPastDue(Noon, Noon.AddMilliseconds(300)));
        Assert.False(TimerSchedule.IsPastDue(Noon, Noon + TimerSchedule.PastDueTolerance));
        Assert.True(TimerSchedule.IsPastDue(Noon, Noon.AddMinutes(3)));
    }

    [Fact]
    public void TimerInfo_has_the_hosts_shape()
    {
        var status = new ScheduleStatus(Noon.AddMinutes(-5), Noon, Noon.AddMinutes(-5));
        var info = TimerTriggerListener.TimerInfo(status, isPastDue: true);

        Assert.True(info["Schedule"]!["AdjustForDST"]!.GetValue<bool>());
        Assert.True(info["IsPastDue"]!.GetValue<bool>());
        Assert.Equal(status, ScheduleStatus.FromJson(info["ScheduleStatus"]));
        Assert.Null(TimerTriggerListener.TimerInfo(null, false)["ScheduleStatus"]);
        Assert.Null(ScheduleStatus.FromJson(new JsonObject { ["Last"] = "x" }));
    }
}
