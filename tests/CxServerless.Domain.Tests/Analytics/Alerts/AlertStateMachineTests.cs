using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Alerts;

public sealed class AlertStateMachineTests
{
    private static readonly Slice Billing = new(SliceDimension.Queue, "billing");
    private static readonly RoutingHint Route = new("queue-supervisors", "workforce", "queue-wait");

    private static readonly StaticLimitOptions Ceiling = new(60, null, 45, null, AlertSeverity.Critical, 10);

    private static KpiMonitor Monitor(AlertPolicy? policy = null, string version = "1.0.0", params IKpiDetector[] detectors) =>
        new(
            new AlertSubject(version, "queue-wait", KpiId.AverageSpeedOfAnswer, Billing, policy ?? new AlertPolicy(3, 5, TimeSpan.FromMinutes(15), 3), Route),
            new DetectorPanel(detectors.Length > 0 ? detectors : [new StaticLimitDetector(Ceiling)]));

    private static WindowResult Window(int minute, double value, long samples = 100) =>
        new(
            KpiId.AverageSpeedOfAnswer,
            Billing,
            At(minute) - TimeSpan.FromMinutes(15),
            At(minute),
            KpiAggregate.FromParts(samples, value * samples, value * value * samples, value, value, null),
            value,
            WindowStatus.Final);

    private static List<AlertTransition> Run(KpiMonitor monitor, params double[] values) =>
        values.Select((v, i) => monitor.Evaluate(Window(i + 1, v))).ToList();

    private static AlertTransitionKind[] Kinds(IEnumerable<AlertTransition> transitions) => transitions.Select(t => t.Kind).ToArray();

    [Fact]
    public void Two_breaches_in_five_windows_do_not_open_an_alert() =>
        Assert.All(Run(Monitor(), 70, 10, 70, 10, 10, 10, 70), t => Assert.Equal(AlertTransitionKind.None, t.Kind));

    [Fact]
    public void Three_breaches_in_five_windows_open_one_alert_even_when_not_consecutive()
    {
        var transitions = Run(Monitor(), 70, 10, 70, 10, 70);
        Assert.Equal(
            [AlertTransitionKind.None, AlertTransitionKind.None, AlertTransitionKind.None, AlertTransitionKind.None, AlertTransitionKind.Opened],
            Kinds(transitions));
        var alert = transitions[^1].Alert!;
        Assert.Equal((AlertStatus.Open, AlertSeverity.Critical, 70d, 60d, At(5)), (alert.Status, alert.Severity, alert.Value, alert.Baseline!.Value, alert.OpenedAt));
        Assert.Equal(("1.0.0", "queue-wait", Route), (alert.RulesVersion, alert.RuleId, alert.Route));
    }

    [Fact]
    public void Breaches_older_than_n_windows_are_forgotten() =>
        Assert.All(Run(Monitor(), 70, 70, 10, 10, 10, 10, 70), t => Assert.Equal(AlertTransitionKind.None, t.Kind));

    [Fact]
    public void An_open_alert_is_updated_not_repeated()
    {
        var transitions = Run(Monitor(), 70, 70, 70, 80, 75);
        Assert.Equal(
            [AlertTransitionKind.None, AlertTransitionKind.None, AlertTransitionKind.Opened, AlertTransitionKind.Updated, AlertTransitionKind.Updated],
            Kinds(transitions));
        Assert.Single(transitions.Where(t => t.Alert is not null).Select(t => t.Alert!.Id).Distinct());
        var last = transitions[^1].Alert!;
        Assert.Equal((75d, 80d, 3, At(3)), (last.Value, last.PeakValue, last.BreachCount, last.OpenedAt));
    }

    [Fact]
    public void Values_in_the_hysteresis_band_keep_the_alert_open()
    {
        var monitor = Monitor();
        var transitions = Run(monitor, 70, 70, 70, 50, 50, 50, 50, 50, 50);
        Assert.DoesNotContain(AlertTransitionKind.Resolved, Kinds(transitions));
        Assert.NotNull(monitor.Machine.OpenAlert);
    }

    [Fact]
    public void An_alert_recovers_after_n_consecutive_clear_windows_and_a_hold_resets_the_count()
    {
        var transitions = Run(Monitor(), 70, 70, 70, 40, 40, 50, 40, 40, 40);
        Assert.Equal(
            [
                AlertTransitionKind.None, AlertTransitionKind.None, AlertTransitionKind.Opened,
                AlertTransitionKind.None, AlertTransitionKind.None, AlertTransitionKind.None,
                AlertTransitionKind.None, AlertTransitionKind.None, AlertTransitionKind.Resolved,
            ],
            Kinds(transitions));
        var resolved = transitions[^1].Alert!;
        Assert.Equal((AlertStatus.Resolved, At(9)), (resolved.Status, resolved.ResolvedAt!.Value));
        Assert.Equal(transitions[2].Alert!.Id, resolved.Id);
    }

    [Fact]
    public void Cooldown_suppresses_a_new_alert_then_a_later_breach_opens_a_new_one()
    {
        var monitor = Monitor(new AlertPolicy(1, 1, TimeSpan.FromMinutes(10), 1));
        var opened = monitor.Evaluate(Window(1, 70));
        Assert.Equal(AlertTransitionKind.Resolved, monitor.Evaluate(Window(2, 10)).Kind);
        for (var minute = 3; minute < 12; minute++)
        {
            Assert.Equal(AlertTransitionKind.None, monitor.Evaluate(Window(minute, 90)).Kind);
        }

        var reopened = monitor.Evaluate(Window(12, 90));
        Assert.Equal(AlertTransitionKind.Opened, reopened.Kind);
        Assert.NotEqual(opened.Alert!.Id, reopened.Alert!.Id);
    }

    [Fact]
    public void A_static_ceiling_catches_slow_creep_that_the_adaptive_baseline_absorbs()
    {
        var ewma = new EwmaBaselineOptions(0.05, 4, 2, 30, 3, BreachDirection.Above, AlertSeverity.Warning, 10);
        var baselineOnly = Monitor(detectors: new EwmaBaselineDetector(ewma));
        var withCeiling = Monitor(detectors: [new EwmaBaselineDetector(ewma), new StaticLimitDetector(Ceiling)]);

        // Average speed of answer creeps from 30 s to 90 s, 0.1 s per minute, over ten hours.
        var baselineTransitions = new List<AlertTransition>();
        var ceilingTransitions = new List<AlertTransition>();
        for (var minute = 1; minute <= 600; minute++)
        {
            var value = 30 + (minute * 0.1);
            baselineTransitions.Add(baselineOnly.Evaluate(Window(minute, value)));
            ceilingTransitions.Add(withCeiling.Evaluate(Window(minute, value)));
        }

        Assert.All(baselineTransitions, t => Assert.Equal(AlertTransitionKind.None, t.Kind));
        var opened = Assert.Single(ceilingTransitions, t => t.Kind == AlertTransitionKind.Opened).Alert!;
        Assert.Equal(("static", At(303)), (opened.Detector, opened.OpenedAt)); // 60 is passed at minute 301; 3 of 5 at 303
    }

    [Fact]
    public void Alert_ids_are_deterministic_and_include_the_rules_version()
    {
        var first = Run(Monitor(), 70, 70, 70)[^1].Alert!;
        var again = Run(Monitor(), 70, 70, 70)[^1].Alert!;
        var otherVersion = Run(Monitor(version: "1.0.1"), 70, 70, 70)[^1].Alert!;
        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, otherVersion.Id);
        Assert.Matches("^[0-9a-f]{32}$", first.Id);
        Assert.Equal(AlertId.For("1.0.0", KpiId.AverageSpeedOfAnswer, Billing, At(3)), first.Id);
        Assert.Equal("1.0.1", otherVersion.RulesVersion);
    }

    [Fact]
    public void A_window_seen_before_is_ignored_so_redelivery_never_opens_a_second_alert()
    {
        var monitor = Monitor(new AlertPolicy(1, 1, TimeSpan.Zero, 1));
        Assert.Equal(AlertTransitionKind.Opened, monitor.Evaluate(Window(1, 70)).Kind);
        Assert.Equal(AlertTransitionKind.None, monitor.Evaluate(Window(1, 70)).Kind);
        Assert.Equal(AlertTransitionKind.None, monitor.Evaluate(Window(0, 10)).Kind);
        Assert.NotNull(monitor.Machine.OpenAlert);
    }

    [Fact]
    public void Messages_follow_the_standard_templates()
    {
        var transitions = Run(Monitor(new AlertPolicy(1, 1, TimeSpan.Zero, 1)), 70.456, 40);
        Assert.Equal(
            "Critical: Average speed of answer for queue=billing is 70.46 s, above the limit of 60 s. Window 2026-11-23 09:46–2026-11-23 10:01 UTC.",
            transitions[0].Alert!.Message);
        Assert.Equal(
            "Resolved: Average speed of answer for queue=billing is back to normal at 40 s after 1 normal window"
            + " (opened at 70.46 s, worst 70.46 s). Window ending 2026-11-23 10:02 UTC.",
            transitions[1].Alert!.Message);
    }

    [Fact]
    public void A_resolved_alert_shows_the_value_it_opened_at_and_its_worst_not_only_the_normal_figure_it_ended_on()
    {
        var transitions = Run(Monitor(new AlertPolicy(1, 1, TimeSpan.Zero, 2)), 70, 95, 80, 40, 40);

        var updated = transitions[2].Alert!;
        Assert.Equal(
            "Critical: Average speed of answer for queue=billing is 80 s, above the limit of 60 s (opened at 70 s, worst 95 s)."
            + " Window 2026-11-23 09:48–2026-11-23 10:03 UTC.",
            updated.Message);
        var resolved = transitions[^1].Alert!;
        Assert.Equal(AlertTransitionKind.Resolved, transitions[^1].Kind);
        Assert.Equal((70d, 95d, 40d), (resolved.OpeningValue, resolved.PeakValue, resolved.Value));
        Assert.Equal(
            "Resolved: Average speed of answer for queue=billing is back to normal at 40 s after 2 normal windows"
            + " (opened at 70 s, worst 95 s). Window ending 2026-11-23 10:05 UTC.",
            resolved.Message);
    }

    [Fact]
    public void Severity_changes_are_flagged_on_update()
    {
        var warning = new StaticLimitDetector(new StaticLimitOptions(40, null, null, null, AlertSeverity.Warning, 0));
        var monitor = Monitor(new AlertPolicy(1, 1, TimeSpan.Zero, 1), "1.0.0", warning, new StaticLimitDetector(Ceiling));
        Assert.Equal(AlertSeverity.Warning, monitor.Evaluate(Window(1, 50)).Alert!.Severity);
        var update = monitor.Evaluate(Window(2, 70));
        Assert.Equal((AlertTransitionKind.Updated, AlertSeverity.Critical, true), (update.Kind, update.Alert!.Severity, update.SeverityChanged));
    }

    [Fact]
    public void Saved_state_restores_the_machine()
    {
        var subject = new AlertSubject("1.0.0", "queue-wait", KpiId.AverageSpeedOfAnswer, Billing, new AlertPolicy(3, 5, TimeSpan.Zero, 2), Route);
        var original = new KpiMonitor(subject, new DetectorPanel([new StaticLimitDetector(Ceiling)]));
        original.Evaluate(Window(1, 70));
        original.Evaluate(Window(2, 70));

        var restored = new KpiMonitor(subject, new DetectorPanel([new StaticLimitDetector(Ceiling)]), original.Machine.State);
        Assert.Equal(AlertTransitionKind.Opened, restored.Evaluate(Window(3, 70)).Kind);
        Assert.Equal(AlertTransitionKind.None, restored.Evaluate(Window(2, 70)).Kind);
    }

    [Fact]
    public void A_monitor_of_a_mean_kpi_gives_detectors_the_spread_of_the_windows_answers()
    {
        // CSAT floor 3.5 with breachZ 1. 39 fives and 25 ones average 3.44 with a spread of 1.97: a standard error of 0.25,
        // so 64 such answers are within noise of the floor; a hundred times as many (se 0.025) are not.
        var floor = new StaticLimitOptions(null, 3.5, null, 3.8, AlertSeverity.Error, 0) { BreachZ = 1 };
        var team = new Slice(SliceDimension.Team, "team-sales");
        var subject = new AlertSubject(
            "1.0.0", "csat", KpiId.CsatAverage, team, new AlertPolicy(1, 1, TimeSpan.Zero, 1), new RoutingHint("cx-quality", null, "csat"));
        WindowResult Answers(int minute, int fives, int ones)
        {
            var aggregate = new KpiAggregate();
            for (var i = 0; i < fives; i++)
            {
                aggregate.Add(5);
            }

            for (var i = 0; i < ones; i++)
            {
                aggregate.Add(1);
            }

            return new(KpiId.CsatAverage, team, At(minute).AddHours(-1), At(minute), aggregate, aggregate.Mean, WindowStatus.Final);
        }

        var monitor = new KpiMonitor(subject, new DetectorPanel([new StaticLimitDetector(floor)]));
        Assert.Equal(AlertTransitionKind.None, monitor.Evaluate(Answers(1, 39, 25)).Kind);
        Assert.Equal(DetectionLevel.Hold, monitor.LastVerdict!.Level);
        Assert.Equal(AlertTransitionKind.Opened, monitor.Evaluate(Answers(2, 3900, 2500)).Kind);
    }

    [Fact]
    public void A_window_without_a_value_is_skipped()
    {
        var monitor = Monitor(new AlertPolicy(1, 1, TimeSpan.Zero, 1));
        var empty = Window(1, 0) with { Value = null };
        Assert.Equal(AlertTransitionKind.None, monitor.Evaluate(empty).Kind);
        Assert.Null(monitor.LastVerdict);
    }
}
