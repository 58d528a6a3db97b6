using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using Xunit.Abstractions;

namespace CxServerless.Domain.Tests.Analytics.Scenarios;

/// <summary>The shipped rules against a synthetic day of traffic: quiet on a steady day, loud on injected incidents.</summary>
public sealed class DefaultRulesScenarioTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Day = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static readonly RuleSet Rules = DefaultRules.Load();

    private void Log(IEnumerable<AlertTransition> transitions)
    {
        foreach (var t in transitions)
        {
            output.WriteLine($"{t.Kind} {t.Alert!.RuleId} {t.Alert.Slice} {t.Alert.Detector}: {t.Alert.Message}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(6)]
    public void A_steady_day_raises_at_most_one_alert(int seed)
    {
        var events = new SyntheticContactCentre(seed).Day(Day);
        var transitions = RuleScenarioRunner.Run(Rules, events, Day, Day.AddDays(1));
        Log(transitions);
        Assert.True(transitions.Count(t => t.Kind == AlertTransitionKind.Opened) <= 1);
    }

    [Fact]
    public void A_wait_spike_in_one_queue_opens_one_alert_for_that_queue_and_it_recovers()
    {
        var incident = new SyntheticContactCentre.Incident("billing", Day.AddHours(11), Day.AddHours(11.5), WaitSeconds: 120);
        var events = new SyntheticContactCentre(3).Day(Day, incident);
        var transitions = RuleScenarioRunner.Run(Rules, events, Day, Day.AddDays(1));
        Log(transitions);

        var billing = new Slice(SliceDimension.Queue, "billing");
        var opened = Assert.Single(transitions, t => t.Kind == AlertTransitionKind.Opened && t.Alert!.Kpi == KpiId.AverageSpeedOfAnswer && t.Alert.Slice == billing).Alert!;
        Assert.InRange(opened.OpenedAt, incident.From, incident.From.AddMinutes(10));
        var escalated = transitions.First(t => t.Kind == AlertTransitionKind.Updated && t.Alert!.Id == opened.Id && t.SeverityChanged).Alert!;
        Assert.Equal(("static", AlertSeverity.Critical), (escalated.Detector, escalated.Severity)); // the 60 s ceiling raises it
        var resolved = Assert.Single(transitions, t => t.Kind == AlertTransitionKind.Resolved && t.Alert!.Id == opened.Id).Alert!;
        Assert.InRange(resolved.ResolvedAt!.Value, incident.To, incident.To.AddMinutes(30));
        Assert.DoesNotContain(transitions, t => t.Kind == AlertTransitionKind.Opened && t.Alert!.Slice == new Slice(SliceDimension.Queue, "sales"));
    }

    [Fact]
    public void A_dead_queue_opens_a_volume_alert_for_that_queue()
    {
        var incident = new SyntheticContactCentre.Incident("sales", Day.AddHours(14), Day.AddHours(14.5), Dead: true);
        var events = new SyntheticContactCentre(4).Day(Day, incident);
        var transitions = RuleScenarioRunner.Run(Rules, events, Day, Day.AddDays(1));
        Log(transitions);

        var opened = Assert.Single(
            transitions,
            t => t.Kind == AlertTransitionKind.Opened && t.Alert!.Kpi == KpiId.ContactVolume && t.Alert.Slice == new Slice(SliceDimension.Queue, "sales")).Alert!;
        Assert.InRange(opened.OpenedAt, incident.From, incident.From.AddMinutes(15));
        Assert.Equal(BreachDirection.Below, opened.Direction);
    }

    [Fact]
    public void A_doubling_of_handle_time_on_one_team_for_20_minutes_after_two_hours_of_steady_traffic_opens_one_alert()
    {
        var start = Day.AddHours(8);
        var incident = new SyntheticContactCentre.Incident("billing", start.AddHours(2), start.AddHours(2).AddMinutes(20), HandleFactor: 2);
        var events = new SyntheticContactCentre(7, skewedHandleTimes: true).Span(start, TimeSpan.FromHours(4), incident);
        var transitions = RuleScenarioRunner.Run(Rules, events, start, start.AddHours(4));
        Log(transitions);

        var handleTime = transitions
            .Where(t => t.Kind == AlertTransitionKind.Opened && t.Alert!.Kpi == KpiId.AverageHandleTime)
            .Select(t => t.Alert!)
            .ToList();
        var blue = Assert.Single(handleTime, a => a.Slice == new Slice(SliceDimension.Team, "blue"));
        Assert.Equal(BreachDirection.Above, blue.Direction);
        Assert.InRange(blue.OpenedAt, incident.From, incident.To.AddMinutes(15));
        Assert.DoesNotContain(handleTime, a => a.Slice.Dimension == SliceDimension.Team && a.Slice.Value != "blue");
    }
}
