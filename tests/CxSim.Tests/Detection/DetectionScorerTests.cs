using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxSim.Detection;
using CxSim.Generation;
using CxSim.Incidents;

namespace CxSim.Tests.Detection;

public sealed class DetectionScorerTests
{
    private static readonly RuleSet Rules = DefaultRules.Load();
    private static readonly DateTimeOffset T0 = DetectionScenarios.Monday.AddHours(10);
    private static readonly SimulationScenario Scenario = DetectionScenarios.Steady(1, 1);
    private static readonly TrafficCells Cells = new(Scenario);
    private static readonly MatchingRule Matching = new(MatchingRule.DefaultGrace, DetectionScenarios.Monday);

    private static IncidentLabel Label(IncidentSlice slice) =>
        new Incident(IncidentKind.WaitSpike, T0, T0.AddMinutes(30), slice).ToLabel();

    private static RaisedTransition Opened(string ruleId, KpiId kpi, Slice slice, DateTimeOffset openedAt) =>
        OpenedAlerts.Opened(Rules.Version, ruleId, kpi, slice, openedAt, TimeSpan.FromMinutes(2));

    private static DetectionScore Score(IncidentLabel label, params RaisedTransition[] alerts) =>
        DetectionScorer.Score([label], alerts, Rules, Cells, Matching);

    [Fact]
    public void An_alert_on_a_containing_slice_within_end_plus_window_plus_grace_detects_the_incident()
    {
        var all = new Slice(SliceDimension.All, string.Empty);
        var score = Score(Label(new IncidentSlice(Queue: "billing")), Opened("queue-wait", KpiId.AverageSpeedOfAnswer, all, T0.AddMinutes(30 + 15 + 10)));
        Assert.Equal((1.0, 1.0, 1.0), (score.Recall, score.Precision, score.StrictPrecision));
        Assert.Equal(TimeSpan.FromMinutes(55), score.Incidents[0].OpenDelay);
    }

    [Fact]
    public void A_team_slice_contains_the_queue_it_owns()
    {
        var score = Score(Label(new IncidentSlice(Queue: "billing")), Opened("service-level", KpiId.ServiceLevel, new Slice(SliceDimension.Team, "team-billing"), T0.AddMinutes(5)));
        Assert.Equal(1.0, score.Recall);
    }

    [Fact]
    public void An_alert_too_late_on_another_kpi_or_on_a_disjoint_slice_is_false_and_detects_nothing()
    {
        var billing = new Slice(SliceDimension.Queue, "billing");
        var score = Score(
            Label(new IncidentSlice(Queue: "billing")),
            Opened("queue-wait", KpiId.AverageSpeedOfAnswer, billing, T0.AddMinutes(30 + 15 + 11)),
            Opened("abandonment", KpiId.AbandonmentRate, billing, T0.AddMinutes(5)),
            Opened("queue-wait", KpiId.AverageSpeedOfAnswer, new Slice(SliceDimension.Queue, "sales"), T0.AddMinutes(5)),
            Opened("queue-wait", KpiId.AverageSpeedOfAnswer, billing, T0.AddMinutes(-1)));
        Assert.Equal((0.0, 0.0), (score.Recall, score.Precision));
        Assert.Equal(4, score.FalseAlerts.Count);
    }

    [Fact]
    public void An_alert_on_a_part_of_the_incident_slice_counts_for_precision_but_not_for_recall()
    {
        var score = Score(Label(IncidentSlice.All), Opened("queue-wait", KpiId.AverageSpeedOfAnswer, new Slice(SliceDimension.Queue, "billing"), T0.AddMinutes(5)));
        Assert.Equal((0.0, 1.0, 0.0), (score.Recall, score.Precision, score.StrictPrecision));
    }

    [Fact]
    public void Alerts_opened_during_the_warm_up_are_not_scored()
    {
        var score = Score(Label(IncidentSlice.All), Opened("queue-wait", KpiId.AverageSpeedOfAnswer, Slice.All, DetectionScenarios.Monday.AddMinutes(-1)));
        Assert.Empty(score.Alerts);
    }
}
