using System.Globalization;
using System.Text;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Events;
using CxSim.Detection;
using CxSim.Detection.Independent;
using CxSim.Generation;
using CxSim.Incidents;
using Xunit.Abstractions;
using static CxSim.Tests.Detection.DetectionScenarios;

namespace CxSim.Tests.Detection;

/// <summary>
/// Issue 6's detection-quality acceptance: the shipped rules, run by the handler's evaluation loop over cx-sim traffic,
/// find the injected incidents (precision and recall at least 0.9 by the matching rule of docs/alert-rules.md) and
/// raise at most one false alert per simulated day of steady traffic. The tables go to the test output.
/// </summary>
public sealed class DetectionQualityTests(ITestOutputHelper output)
{
    private static readonly RuleSet Rules = DefaultRules.Load();

    // The bodies are not re-parsed here: AlertReplayTests prove the ingestion pipeline changes no transition.
    private static readonly ReplayOptions Options = new() { ThroughIngestion = false };

    [Fact]
    public void Injected_incidents_are_detected_with_at_least_90_percent_precision_and_recall()
    {
        var first = Score(WithIncidents(
            21,
            1,
            At(IncidentKind.WaitSpike, 8, 30, IncidentSlice.All),
            At(IncidentKind.AbandonmentSurge, 10.5, 30, Queue("tech-support")),
            At(IncidentKind.CsatDip, 13, 60, Team("team-billing")),
            At(IncidentKind.DeadQueue, 15.5, 30, Queue("sales")),
            At(IncidentKind.WaitSpike, 18, 30, Channel(CxChannel.Voice)),
            At(IncidentKind.AbandonmentSurge, 20.5, 30, IncidentSlice.All)));
        var second = Score(WithIncidents(
            22,
            1,
            At(IncidentKind.CsatDip, 8.5, 60, IncidentSlice.All),
            At(IncidentKind.WaitSpike, 11, 30, Queue("billing")),
            At(IncidentKind.DeadQueue, 13.5, 30, Team("team-tech")),
            At(IncidentKind.AbandonmentSurge, 16, 30, Channel(CxChannel.Voice)),
            At(IncidentKind.CsatDip, 18.5, 60, Team("team-tech")),
            At(IncidentKind.WaitSpike, 21, 30, Team("team-sales"))));
        var score = DetectionScore.Combine([first, second]);

        WriteIncidents(score);
        WriteFalseAlerts(score);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"incidents {score.Incidents.Count}, detected {score.Incidents.Count(i => i.Detected)}; alerts {score.Alerts.Count}, "
            + $"false {score.FalseAlerts.Count}; precision {score.Precision:F3} "
            + $"(strict: slice contains the incident's, {score.StrictPrecision:F3}), recall {score.Recall:F3}"));
        Assert.Equal(12, score.Incidents.Count);
        Assert.True(score.Recall >= 0.9, $"recall {score.Recall:F3}");
        Assert.True(score.Precision >= 0.9, $"precision {score.Precision:F3}");
    }

    [Fact]
    public void Steady_traffic_raises_at_most_one_false_alert_per_simulated_day()
    {
        const double Days = 2;
        var score = Score(Steady(31, Days));

        WriteFalseAlerts(score);
        var perDay = score.FalseAlerts.Count / Days;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"steady days {Days}: false alerts {score.FalseAlerts.Count}, {perDay:F2} per day"));
        Assert.Empty(score.Incidents);
        Assert.True(perDay <= 1, $"{perDay:F2} false alerts per day");
    }

    [Fact]
    public void An_independent_centre_from_an_empty_store_is_measured_next_to_cx_sim()
    {
        // Written without cx-sim's generator or incident model; each run starts on an empty store, like a first
        // deployment, and is scored from its first event. The rules were tuned on cx-sim only: these are measurements.
        var first = ScoreIndependent(new IndependentCentre(101, Monday.AddHours(6), TimeSpan.FromHours(8), incidents:
        [
            Independent(IndependentIncidentKind.HandleTimeSurge, Monday.AddHours(8.5), 25, 2, team: "team-payments"),
            Independent(IndependentIncidentKind.QueueOutage, Monday.AddHours(9.75), 20, 1, queue: "support"),
            Independent(IndependentIncidentKind.CsatDip, Monday.AddHours(11), 60, 1, channel: CxChannel.Chat),
            Independent(IndependentIncidentKind.AbandonmentSurge, Monday.AddHours(12.75), 30, 6, queue: "onboarding"),
        ]));
        var tuesday = Monday.AddDays(1);
        var second = ScoreIndependent(new IndependentCentre(102, tuesday.AddHours(12), TimeSpan.FromHours(8), incidents:
        [
            Independent(IndependentIncidentKind.VolumeSurge, tuesday.AddHours(14), 30, 2.5, queue: "payments"),
            Independent(IndependentIncidentKind.HandleTimeSurge, tuesday.AddHours(15.5), 25, 2, team: "team-support"),
            Independent(IndependentIncidentKind.WaitCreep, tuesday.AddHours(17.25), 40, 8),
        ]));
        var score = DetectionScore.Combine([first, second]);

        WriteIncidents(score);
        WriteFalseAlerts(score);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"independent: incidents {score.Incidents.Count}, detected {score.Incidents.Count(i => i.Detected)}; "
            + $"alerts {score.Alerts.Count}, false {score.FalseAlerts.Count}; "
            + $"precision {score.Precision:F3} (strict {score.StrictPrecision:F3}), recall {score.Recall:F3}"));
        Assert.Equal(7, score.Incidents.Count);
        // Issue 17's own findings: a handle-time doubling on one team after two hours of traffic is found, and a first
        // deployment raises no contact-volume alert. The other figures are reported, not asserted (docs/alert-rules.md).
        Assert.True(first.Incidents[0].Detected, "the team-payments handle-time surge after two hours was missed");
        Assert.DoesNotContain(score.Alerts, a => a.Alert.Kpi == CxServerless.Domain.Analytics.Kpis.KpiId.ContactVolume && a.IsFalse);
    }

    [Fact]
    public void An_independent_centre_s_steady_day_from_an_empty_store_is_measured_next_to_cx_sim()
    {
        var score = ScoreIndependent(new IndependentCentre(103, Monday.AddDays(2), TimeSpan.FromDays(1)));

        WriteFalseAlerts(score);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"independent steady day: false alerts {score.FalseAlerts.Count}"));
        Assert.Empty(score.Incidents);
        Assert.DoesNotContain(score.Alerts, a => a.Alert.Kpi == CxServerless.Domain.Analytics.Kpis.KpiId.ContactVolume);
    }

    private static IndependentIncident Independent(
        IndependentIncidentKind kind,
        DateTimeOffset start,
        double minutes,
        double magnitude,
        string? queue = null,
        string? team = null,
        CxChannel? channel = null) =>
        new(kind, start, start.AddMinutes(minutes), magnitude, queue, team, channel);

    private DetectionScore ScoreIndependent(IndependentCentre centre)
    {
        var replay = new AlertReplay(Rules, Options);
        var events = centre.Generate().ToList();
        replay.Run(events);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"independent: {replay.Counters.Delivered} events, {replay.Counters.TooLate} too late, "
            + $"{replay.Counters.Evaluations} evaluations"));
        var matching = new MatchingRule(MatchingRule.DefaultGrace, events[0].EventTime);
        return DetectionScorer.Score(centre.Labels, replay.Transitions, Rules, IndependentCentre.Cells, matching);
    }

    private DetectionScore Score(SimulationScenario scenario)
    {
        var generator = new TrafficGenerator(scenario);
        var replay = new AlertReplay(Rules, Options);
        replay.Run(generator.Generate());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {scenario.Seed}: {replay.Counters.Delivered} events, {replay.Counters.TooLate} too late, "
            + $"{replay.Counters.Evaluations} evaluations"));
        WriteStuckOpen(replay);
        return DetectionScorer.Score(
            generator.Labels, replay.Transitions, Rules, new TrafficCells(scenario), new MatchingRule(MatchingRule.DefaultGrace, Monday));
    }

    // Alerts opened during the warm-up that never resolved: not scored, but an alert stuck open hides later incidents.
    private void WriteStuckOpen(AlertReplay replay)
    {
        foreach (var monitor in replay.Evaluator.Monitors.Values)
        {
            if (monitor.Machine.OpenAlert is { } open && open.OpenedAt < Monday)
            {
                output.WriteLine(
                    $"  open since the warm-up: {open.RuleId} {open.Slice} ({open.Detector}, opened {open.OpenedAt:MM-dd HH:mm})");
            }
        }
    }

    private void WriteIncidents(DetectionScore score)
    {
        var table = new StringBuilder();
        table.AppendLine("| incident | slice | start (UTC) | detected by | alert slice | opened after | raised after |");
        table.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var i in score.Incidents)
        {
            var slice = i.Label.Slice.Count == 0 ? "all" : string.Join(',', i.Label.Slice.Select(p => $"{p.Key}={p.Value}"));
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {i.Label.Kind} | {slice} | {i.Label.Start:ddd HH:mm} | "
                + $"{(i.Alert is { } a ? $"{a.RuleId} ({a.Detector})" : "MISSED")} | {i.Alert?.Slice.ToString() ?? "-"} | "
                + $"{Minutes(i.OpenDelay)} | {Minutes(i.RaiseDelay)} |"));
        }

        output.WriteLine(table.ToString());
        foreach (var kind in score.Incidents.GroupBy(i => i.Label.Kind))
        {
            var delays = kind.Where(i => i.Detected).Select(i => i.RaiseDelay!.Value.TotalMinutes).Order().ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind.Key}: detected {delays.Count}/{kind.Count()}, raised after median {Median(delays):F1} min, "
                + $"max {(delays.Count > 0 ? delays[^1] : double.NaN):F1} min"));
        }
    }

    private void WriteFalseAlerts(DetectionScore score)
    {
        foreach (var a in score.FalseAlerts)
        {
            output.WriteLine(
                $"  false alert: {a.Alert.OpenedAt:ddd HH:mm} {a.Alert.RuleId} {a.Alert.Slice} ({a.Alert.Detector}): {a.Alert.Message}");
        }
    }

    private static string Minutes(TimeSpan? delay) =>
        delay is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d.TotalMinutes:F1} min") : "-";

    private static double Median(List<double> sorted) =>
        sorted.Count == 0 ? double.NaN
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
