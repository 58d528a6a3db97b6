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
    public void A_child_that_outlives_its_parent_pages_when_the_parent_resolves()
    {
        // Minute 0: every queue 90 s (all opens, three children). Minute 1: billing 120 s, the others 10 s: all = 46.7 s,
        // no longer breaching but not yet clear (clear needs ≤ 45 s). Minute 2: billing 120 s, the others 5 s: all = 43.3 s,
        // clear, so all resolves at 3; sales and support resolve at 2; billing still breaches and is promoted at 3.
        var evaluator = new AlertEvaluator(Rules("3m"));
        var series = Waits((90, 90, 90), (120, 10, 10), (120, 5, 5));
        var first = evaluator.Evaluate(series, At(1), At(2));
        var then = evaluator.Evaluate(series, At(3), At(3));

        Assert.Equal(
            [
                "Opened all opened 1", "Opened queue=billing opened 1 child", "Updated queue=billing opened 1 child",
                "Opened queue=sales opened 1 child", "Resolved queue=sales opened 1 child",
                "Opened queue=support opened 1 child", "Resolved queue=support opened 1 child",
            ],
            first.Select(Show));
        Assert.Equal(["Resolved all opened 1", "Updated queue=billing opened 1 child", "Opened queue=billing opened 1"], then.Select(Show));
        Assert.Null(evaluator.Monitors[("wait", Queue("billing"))].Machine.OpenAlert!.ParentId);
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
