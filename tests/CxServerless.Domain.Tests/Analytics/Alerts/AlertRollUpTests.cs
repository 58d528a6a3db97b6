using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Alerts;

/// <summary>
/// Roll-up (<c>alerting.rollUp</c>): one wait ceiling of 60 s on <c>all</c> and on every queue, one-minute tumbling windows,
/// an alert on the first breaching window, recovery on the first clear one, a 3-minute roll-up wait. One answer a minute on
/// each of three queues, so <c>all</c> is the plain mean of the three waits; every expectation below is worked from that.
/// </summary>
public sealed class AlertRollUpTests
{
    private static readonly string[] Queues = ["billing", "sales", "support"];

    private static RuleSet Rules(string rollUp) => RuleSetParser.ParseOrThrow($$"""
        {
          "version": "9",
          "defaults": {
            "window": { "kind": "tumbling", "size": "1m" },
            "alerting": { "k": 1, "n": 1, "cooldown": "0s", "recoverAfter": 1, "rollUp": "{{rollUp}}" }
          },
          "rules": [
            { "id": "wait", "kpi": "AverageSpeedOfAnswer", "slices": ["all", "queue=*"],
              "detectors": [ { "type": "static", "upper": 60, "clearUpper": 45 } ] }
          ]
        }
        """);

    /// <summary>
    /// The wait rule and a service-level rule (under 50 % of answers within 20 s breaches, 60 % clears) on
    /// <paramref name="serviceLevelSlices"/>, routed to <paramref name="serviceLevelTeam"/>; the wait rule routes to
    /// <c>queues</c>. With one answer a minute per queue, a queue's service level in a window is 0 or 100 %.
    /// </summary>
    private static RuleSet GroupRules(string serviceLevelTeam, string serviceLevelSlices) => RuleSetParser.ParseOrThrow($$"""
        {
          "version": "9",
          "defaults": {
            "window": { "kind": "tumbling", "size": "1m" },
            "alerting": { "k": 1, "n": 1, "cooldown": "0s", "recoverAfter": 1, "rollUp": "3m" }
          },
          "rules": [
            { "id": "wait", "kpi": "AverageSpeedOfAnswer", "slices": ["all", "queue=*"], "route": { "team": "queues" },
              "detectors": [ { "type": "static", "upper": 60, "clearUpper": 45 } ] },
            { "id": "sl", "kpi": "ServiceLevel", "slices": [{{serviceLevelSlices}}], "route": { "team": "{{serviceLevelTeam}}" },
              "detectors": [ { "type": "static", "lower": 50, "clearLower": 60 } ] }
          ]
        }
        """);

    /// <summary>Minute m (0-based) answers billing, sales and support with the waits of row m.</summary>
    private static IReadOnlyDictionary<(KpiId, Slice), MinuteSeries> Waits(params (double Billing, double Sales, double Support)[] minutes)
    {
        var accumulator = new MinuteBucketAccumulator("0", KpiSettings.Default);
        for (var m = 0; m < minutes.Length; m++)
        {
            var (billing, sales, support) = minutes[m];
            accumulator.Add(Answered(At(m, 30), billing, Queues[0]));
            accumulator.Add(Answered(At(m, 30), sales, Queues[1]));
            accumulator.Add(Answered(At(m, 30), support, Queues[2]));
        }

        return MinuteSeries.Build(accumulator.Snapshot());
    }

    private static Slice Queue(string name) => Slice.TryParse($"queue={name}", out var slice) ? slice : throw new ArgumentException(name);

    private static string Show(AlertTransition t) =>
        $"{t.Kind} {t.Alert!.Slice} opened {(t.Alert.OpenedAt - T0).TotalMinutes:0}{(t.Alert.ParentId is null ? string.Empty : " child")}";

    [Fact]
    public void Sub_slice_alerts_that_open_while_all_is_open_join_it_and_only_all_pages()
    {
        // Minute 0: every queue waits 90 s, so all = 90 s: all, billing, sales and support breach in the window ending at 1.
        var evaluator = new AlertEvaluator(Rules("3m"));
        var transitions = evaluator.Evaluate(Waits((90, 90, 90)), At(1), At(1));

        Assert.Equal(
            [
                "Opened all opened 1", "Opened queue=billing opened 1 child", "Opened queue=sales opened 1 child",
                "Opened queue=support opened 1 child",
            ],
            transitions.Select(Show));
        var parent = transitions[0].Alert!;
        Assert.All(transitions.Skip(1), t => Assert.Equal(parent.Id, t.Alert!.ParentId));
        Assert.Equal(0, evaluator.HeldCount);
    }

    [Fact]
    public void A_queue_only_problem_is_held_for_the_wait_then_opens_with_its_own_opening_time()
    {
        // billing 90 s, the others 10 s: all = 36.7 s, under the ceiling. billing breaches from the window ending at 1.
        var evaluator = new AlertEvaluator(Rules("3m"));
        var series = Waits((90, 10, 10), (90, 10, 10), (90, 10, 10), (90, 10, 10), (90, 10, 10));

        Assert.Empty(evaluator.Evaluate(series, At(1), At(3)));
        Assert.Equal(1, evaluator.HeldCount);

        // The wait ends at 1 + 3 = 4: billing opens then, unparented, as of 1, with the updates of the windows held meanwhile.
        var released = evaluator.Evaluate(series, At(4), At(4));
        Assert.Equal(
            [
                "Opened queue=billing opened 1", "Updated queue=billing opened 1", "Updated queue=billing opened 1",
                "Updated queue=billing opened 1",
            ],
            released.Select(Show));
        Assert.Equal(0, evaluator.HeldCount);
    }

    [Fact]
    public void A_held_sub_slice_alert_joins_an_all_alert_that_opens_within_the_wait()
    {
        // Minute 0: billing alone (all 36.7 s); minute 1: every queue 90 s, so all opens at 2 and billing (held since 1) joins
        // it, as do sales and support, which open at 2 while all is open.
        var evaluator = new AlertEvaluator(Rules("3m"));
        var transitions = evaluator.Evaluate(Waits((90, 10, 10), (90, 90, 90)), At(1), At(2));

        Assert.Equal(
            [
                "Opened all opened 2", "Opened queue=sales opened 2 child", "Opened queue=support opened 2 child",
                "Opened queue=billing opened 1 child", "Updated queue=billing opened 1 child",
            ],
            transitions.Select(Show));
        Assert.Equal(1, transitions.Count(t => t.Kind == AlertTransitionKind.Opened && t.Alert!.ParentId is null));
    }

    [Fact]
    public void A_child_that_outlives_its_parent_is_held_for_the_wait_again_and_then_pages()
    {
        // Minute 0: every queue 90 s (all opens, three children). Minute 1: billing 120 s, the others 10 s: all = 46.7 s,
        // no longer breaching but not yet clear (clear needs ≤ 45 s). From minute 2: billing 120 s, the others 5 s: all =
        // 43.3 s, clear, so all resolves at 3; sales and support resolve at 2; billing still breaches. It is held from 3 for
        // the 3-minute wait and promoted at 6, still with its opening time 1.
        var evaluator = new AlertEvaluator(Rules("3m"));
        var series = Waits((90, 90, 90), (120, 10, 10), (120, 5, 5), (120, 5, 5), (120, 5, 5), (120, 5, 5));
        var first = evaluator.Evaluate(series, At(1), At(2));
        var held = evaluator.Evaluate(series, At(3), At(5));
        var then = evaluator.Evaluate(series, At(6), At(6));

        Assert.Equal(
            [
                "Opened all opened 1", "Opened queue=billing opened 1 child", "Updated queue=billing opened 1 child",
                "Opened queue=sales opened 1 child", "Resolved queue=sales opened 1 child",
                "Opened queue=support opened 1 child", "Resolved queue=support opened 1 child",
            ],
            first.Select(Show));
        Assert.Equal(
            [
                "Resolved all opened 1", "Updated queue=billing opened 1 child", "Updated queue=billing opened 1 child",
                "Updated queue=billing opened 1 child",
            ],
            held.Select(Show));
        Assert.Equal(["Updated queue=billing opened 1 child", "Opened queue=billing opened 1"], then.Select(Show));
        Assert.Null(evaluator.Monitors[("wait", Queue("billing"))].Machine.OpenAlert!.ParentId);
    }

    [Fact]
    public void A_child_that_recovers_within_the_wait_after_its_parent_resolves_never_pages()
    {
        // As above, but billing recovers at minute 3 (10 s): all resolves at 3, billing at 4, inside the wait (until 6).
        var evaluator = new AlertEvaluator(Rules("3m"));
        var series = Waits((90, 90, 90), (120, 10, 10), (120, 5, 5), (10, 5, 5), (10, 5, 5), (10, 5, 5), (10, 5, 5));
        var transitions = evaluator.Evaluate(series, At(1), At(7));

        Assert.Contains("Resolved queue=billing opened 1 child", transitions.Select(Show));
        var pages = transitions.Where(t => t.Kind == AlertTransitionKind.Opened && t.Alert!.ParentId is null);
        Assert.Equal(["Opened all opened 1"], pages.Select(Show));
        Assert.Equal(0, evaluator.HeldCount);
    }

    [Fact]
    public void A_sub_slice_alert_joins_an_open_all_alert_of_another_kpi_routed_to_the_same_people()
    {
        // Minute 0: every queue 90 s. The wait rule watches all, and its all alert opens at 1; the queues' service level is 0 %,
        // and as the service-level rule routes to the same team (and watches no all slice itself), those alerts join the wait.
        var evaluator = new AlertEvaluator(GroupRules("queues", "\"queue=*\""));
        var transitions = evaluator.Evaluate(Waits((90, 90, 90)), At(1), At(1));

        Assert.Equal(
            [
                "Opened all opened 1", "Opened queue=billing opened 1 child", "Opened queue=sales opened 1 child",
                "Opened queue=support opened 1 child", "Opened queue=billing opened 1 child", "Opened queue=sales opened 1 child",
                "Opened queue=support opened 1 child",
            ],
            transitions.Select(Show));
        var parent = transitions[0].Alert!;
        Assert.Equal(KpiId.AverageSpeedOfAnswer, parent.Kpi);
        Assert.All(transitions.Where(t => t.Alert!.Kpi == KpiId.ServiceLevel), t => Assert.Equal(parent.Id, t.Alert!.ParentId));
        Assert.Equal(KpiId.AverageSpeedOfAnswer, evaluator.ParentKpi(parent.Id));
    }

    [Fact]
    public void Alerts_routed_to_other_people_are_not_rolled_up()
    {
        // The same minute, but service level routes to another team, whose rules watch no all slice: its alerts open at once.
        var evaluator = new AlertEvaluator(GroupRules("digital", "\"queue=*\""));
        var transitions = evaluator.Evaluate(Waits((90, 90, 90)), At(1), At(1));

        Assert.Equal(
            ["Opened queue=billing opened 1", "Opened queue=sales opened 1", "Opened queue=support opened 1"],
            transitions.Where(t => t.Alert!.Kpi == KpiId.ServiceLevel).Select(Show));
        Assert.Equal(0, evaluator.HeldCount);
    }

    [Fact]
    public void A_child_whose_parent_resolves_moves_to_another_open_all_alert_of_its_group()
    {
        // Both rules watch all and the queues, routed to the same team. Minute 0: every queue 90 s, so the wait's and the service
        // level's all alerts open at 1, and each queue alert joins the all alert of its own KPI. From minute 1: billing 90 s, the
        // others 21 s: all waits 44 s, clear, so the wait's all alert resolves at 2; every answer still misses 20 s, so the
        // service level's all alert stays open, and billing's wait alert (still breaching) moves to it instead of paging.
        var evaluator = new AlertEvaluator(GroupRules("queues", "\"all\", \"queue=*\""));
        var series = Waits((90, 90, 90), (90, 21, 21), (90, 21, 21), (90, 21, 21), (90, 21, 21), (90, 21, 21), (90, 21, 21));
        var transitions = evaluator.Evaluate(series, At(1), At(7));

        var serviceLevelAll = transitions.Single(t => t.Kind == AlertTransitionKind.Opened && t.Alert!.Kpi == KpiId.ServiceLevel
            && t.Alert.Slice == Slice.All).Alert!;
        var waitAll = transitions.First(t => t.Alert!.Kpi == KpiId.AverageSpeedOfAnswer && t.Alert.Slice == Slice.All).Alert!;
        Assert.Contains(transitions, t => t.Kind == AlertTransitionKind.Resolved && t.Alert!.Id == waitAll.Id);
        var billingWait = transitions.First(t => t.Alert!.Kpi == KpiId.AverageSpeedOfAnswer && t.Alert.Slice == Queue("billing")).Alert!;
        Assert.Equal(waitAll.Id, billingWait.ParentId);
        Assert.Equal(serviceLevelAll.Id, evaluator.Monitors[("wait", Queue("billing"))].Machine.OpenAlert!.ParentId);
        Assert.Equal(2, transitions.Count(t => t.Kind == AlertTransitionKind.Opened && t.Alert!.ParentId is null));
    }

    [Fact]
    public void Without_roll_up_every_alert_opens_at_once()
    {
        var evaluator = new AlertEvaluator(Rules("0s"));
        var transitions = evaluator.Evaluate(Waits((90, 10, 10), (90, 90, 90)), At(1), At(2));

        Assert.Equal(
            ["Opened all opened 2", "Opened queue=billing opened 1", "Updated queue=billing opened 1", "Opened queue=sales opened 2",
                "Opened queue=support opened 2"],
            transitions.Select(Show));
        Assert.Null(evaluator.Rules.Rules[0].Policy.RollUpWait);
    }

    [Fact]
    public void Final_only_holds_until_the_watermark_passes_the_end_of_the_wait()
    {
        var evaluator = new AlertEvaluator(Rules("3m"));
        var series = Waits((90, 10, 10), (90, 10, 10), (90, 10, 10), (90, 10, 10), (90, 10, 10));

        // Asked through 5 but final only through 3: the wait (until 4) has not ended.
        Assert.Empty(evaluator.Evaluate(series, At(1), At(5), globalWatermark: At(3), finalOnly: true));
        var released = evaluator.Evaluate(series, At(1), At(5), globalWatermark: At(4), finalOnly: true);
        Assert.Equal("Opened queue=billing opened 1", Show(released[0]));
    }
}
