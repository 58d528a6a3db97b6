using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Rules;
using CxSim.Detection;
using CxSim.Generation;
using CxSim.Incidents;

namespace CxSim.Tests.Detection;

public sealed class AlertReplayTests
{
    private static readonly RuleSet Rules = DefaultRules.Load();

    private static SimulationScenario SpikeMorning() => new()
    {
        Seed = 7,
        Start = DetectionScenarios.Monday.AddHours(6),
        Duration = TimeSpan.FromHours(4),
        Incidents =
        [
            new Incident(
                IncidentKind.WaitSpike,
                DetectionScenarios.Monday.AddHours(8.5),
                DetectionScenarios.Monday.AddHours(9),
                new IncidentSlice(Queue: "billing")),
        ],
    };

    private static List<(AlertTransitionKind, string, string, DateTimeOffset, DateTimeOffset)> Summary(AlertReplay replay) =>
        [.. replay.Transitions.Select(t => (t.Transition.Kind, t.Alert.Id, t.Alert.Detector, t.Alert.WindowEnd, t.RaisedAt))];

    [Fact]
    public void Passing_the_bodies_through_the_ingestion_pipeline_changes_no_transition()
    {
        var direct = new AlertReplay(Rules, new ReplayOptions { ThroughIngestion = false });
        direct.Run(new TrafficGenerator(SpikeMorning()).Generate());
        var ingested = new AlertReplay(Rules);
        ingested.Run(new TrafficGenerator(SpikeMorning()).Generate());

        Assert.Contains(direct.Transitions, t => t.Transition.Kind == AlertTransitionKind.Opened);
        Assert.Equal(Summary(direct), Summary(ingested));
        Assert.Equal(direct.Counters.Counted, ingested.Counters.Counted);
        Assert.Equal(0, ingested.Counters.Rejected);
    }

    [Fact]
    public void The_loop_judges_every_window_it_made_final_and_opens_the_spiked_queues_alert_after_the_spike_starts()
    {
        var replay = new AlertReplay(Rules);
        replay.Run(new TrafficGenerator(SpikeMorning()).Generate());

        var serviceLevel = replay.Transitions
            .Where(t => t.Transition.Kind == AlertTransitionKind.Opened
                && t.Alert.Kpi == CxServerless.Domain.Analytics.Kpis.KpiId.ServiceLevel)
            .ToList();

        // The billing alert opens once the spike has started (as a child of the all-contacts alert if that opens within the
        // roll-up wait, and on its own if it outlives it: then it is opened again, with the same id and opening time).
        var billing = serviceLevel.Where(t => t.Alert.Slice.ToString() == "queue=billing").ToList();
        Assert.Single(billing.Select(t => t.Alert.Id).Distinct());
        Assert.All(billing, t => Assert.InRange(
            t.Alert.OpenedAt, DetectionScenarios.Monday.AddHours(8.5), DetectionScenarios.Monday.AddHours(8.75)));

        // Someone is paged for it: the first page on a slice that contains billing.
        var page = serviceLevel.Where(t => t.Alert.ParentId is null && t.Alert.Slice.ToString() is "queue=billing" or "all")
            .MinBy(t => t.RaisedAt)!;
        Assert.InRange(page.Alert.OpenedAt, DetectionScenarios.Monday.AddHours(8.5), DetectionScenarios.Monday.AddHours(8.75));
        Assert.True(
            page.RaisedAt > page.Alert.OpenedAt + Rules.EventTime.AllowedLateness,
            "a window is judged only once the watermark has passed it");
        Assert.Equal(0, replay.Counters.TooLate);
        Assert.True(replay.Watermark > SpikeMorning().End!.Value.AddMinutes(-5));
    }

    [Fact]
    public void A_first_deployment_pages_nobody_about_contact_volume_while_the_baseline_learns()
    {
        // Like the handler after a cold start, the first pass reaches six hours back, into a store that held nothing.
        var scenario = new SimulationScenario { Seed = 3, Start = DetectionScenarios.Monday.AddHours(8), Duration = TimeSpan.FromHours(2) };
        var replay = new AlertReplay(Rules, new ReplayOptions { ThroughIngestion = false });
        replay.Run(new TrafficGenerator(scenario).Generate());

        Assert.DoesNotContain(replay.Transitions, t => t.Alert.Kpi == CxServerless.Domain.Analytics.Kpis.KpiId.ContactVolume);
        Assert.Contains(
            replay.Evaluator.Monitors.Values,
            m => m.Subject.Kpi == CxServerless.Domain.Analytics.Kpis.KpiId.ContactVolume && !m.IsLearning);
    }
}
