using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Events;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Kpis;

/// <summary>KPI values over a 15-minute tumbling window (10:00, 10:15], against figures computed by hand.</summary>
public sealed class KpiWindowValueTests
{
    private static readonly WindowSpec Quarter = WindowSpec.Tumbling(TimeSpan.FromMinutes(15));

    private static double? ValueOf(IEnumerable<CxEvent> events, KpiId kpi, Slice? slice = null, double openingLevel = 0)
    {
        var accumulator = new MinuteBucketAccumulator("0", KpiSettings.Default);
        foreach (var e in events)
        {
            accumulator.Add(e);
        }

        var series = MinuteSeries.For(accumulator.Snapshot(), kpi, slice ?? Slice.All);
        var window = Assert.Single(WindowComposer.Compose(series, Quarter, At(15), At(15), openingLevel: openingLevel));
        return window.Value;
    }

    private static CxEvent[] QueueActivity() =>
    [
        Answered(At(1), 10),
        Answered(At(2), 20),
        Answered(At(3), 30),
        Answered(At(4), 40),
        Abandoned(At(5), 50),
        Abandoned(At(6), 3),
    ];

    [Fact]
    public void Average_speed_of_answer_is_the_mean_wait_of_answered_contacts() =>
        Assert.Equal(25, ValueOf(QueueActivity(), KpiId.AverageSpeedOfAnswer)); // (10+20+30+40)/4

    [Fact]
    public void Service_level_is_answered_in_threshold_over_answered_plus_abandoned_after_threshold() =>
        Assert.Equal(40, ValueOf(QueueActivity(), KpiId.ServiceLevel)); // 2 of (4 answered + 1 abandoned after 20 s)

    [Fact]
    public void Abandonment_rate_excludes_short_abandons() =>
        Assert.Equal(20, ValueOf(QueueActivity(), KpiId.AbandonmentRate)); // 1 of (4 + 1); the 3 s abandon is excluded

    [Fact]
    public void Nps_is_promoters_minus_detractors()
    {
        int[] answers = [10, 9, 9, 10, 9, 7, 8, 0, 5, 6]; // 5 promoters, 2 passives, 3 detractors
        Assert.Equal(20, ValueOf(answers.Select((a, i) => Survey(At(1 + i), nps: a)), KpiId.NetPromoterScore)!.Value, 9);
    }

    [Fact]
    public void Csat_average_and_share_satisfied()
    {
        int[] scores = [5, 4, 3, 2, 5];
        var events = scores.Select((s, i) => Survey(At(1 + i), csat: s)).ToArray();
        Assert.Equal(3.8, ValueOf(events, KpiId.CsatAverage)!.Value, 9);
        Assert.Equal(60, ValueOf(events, KpiId.CsatSatisfied)!.Value, 9);
    }

    [Fact]
    public void Customer_effort_score_is_the_mean_answer() =>
        Assert.Equal(5, ValueOf([Survey(At(1), ces: 7), Survey(At(2), ces: 3)], KpiId.CustomerEffortScore));

    [Fact]
    public void Escalation_rate_is_escalations_over_handled_contacts()
    {
        CxEvent[] events =
        [
            Event(CxEventType.ContactEnded, At(1), outcome: CxOutcome.Resolved),
            Event(CxEventType.ContactEnded, At(2), outcome: CxOutcome.Escalated),
            Event(CxEventType.ContactEnded, At(3), outcome: CxOutcome.Unresolved),
            Event(CxEventType.ContactEnded, At(4), outcome: CxOutcome.Resolved),
            Event(CxEventType.ContactEscalated, At(2)),
        ];
        Assert.Equal(25, ValueOf(events, KpiId.EscalationRate));
        Assert.Equal(50, ValueOf(events, KpiId.ResolutionRate));
    }

    [Fact]
    public void Average_handle_time_sums_talk_hold_and_after_contact_work()
    {
        CxEvent[] events =
        [
            Event(CxEventType.ContactEnded, At(1), new CxMeasures { TalkSeconds = 200, HoldSeconds = 30, AfterContactWorkSeconds = 70 }),
            Event(CxEventType.ContactEnded, At(2), new CxMeasures { TalkSeconds = 500 }),
        ];
        Assert.Equal(400, ValueOf(events, KpiId.AverageHandleTime)); // (300 + 500) / 2
    }

    [Fact]
    public void Backlog_is_the_level_at_the_window_end_including_the_opening_level()
    {
        CxEvent[] events =
        [
            Event(CxEventType.CaseOpened, At(1)),
            Event(CxEventType.CaseOpened, At(2)),
            Event(CxEventType.CaseOpened, At(3)),
            Event(CxEventType.CaseResolved, At(4)),
        ];
        Assert.Equal(12, ValueOf(events, KpiId.Backlog, openingLevel: 10));
    }

    [Fact]
    public void Backlog_never_shows_a_negative_count_when_cases_opened_before_ingestion_are_resolved()
    {
        // Three resolves of cases the app never saw opened (ticket metrics, exports), then one open: one case is open.
        CxEvent[] resolvesFirst =
        [
            Event(CxEventType.CaseResolved, At(1)),
            Event(CxEventType.CaseResolved, At(2)),
            Event(CxEventType.CaseResolved, At(3)),
            Event(CxEventType.CaseOpened, At(4)),
        ];
        Assert.Equal(1, ValueOf(resolvesFirst, KpiId.Backlog));
        Assert.Equal(0, ValueOf([Event(CxEventType.CaseResolved, At(1))], KpiId.Backlog, openingLevel: -4));
    }

    [Fact]
    public void A_slice_only_counts_its_own_events()
    {
        CxEvent[] events = [Answered(At(1), 10, queue: "billing"), Answered(At(2), 30, queue: "sales")];
        Assert.Equal(30, ValueOf(events, KpiId.AverageSpeedOfAnswer, new Slice(SliceDimension.Queue, "sales")));
        Assert.Equal(20, ValueOf(events, KpiId.AverageSpeedOfAnswer));
    }

    [Fact]
    public void First_response_time_keeps_a_quantile_sketch()
    {
        var accumulator = new MinuteBucketAccumulator("0", KpiSettings.Default);
        for (var i = 1; i <= 100; i++)
        {
            accumulator.Add(Event(CxEventType.FirstResponse, At(1), new CxMeasures { FirstResponseSeconds = i }));
        }

        var bucket = Assert.Single(accumulator.Snapshot(), b => b.Kpi == KpiId.FirstResponseTime && b.Slice == Slice.All);
        Assert.Equal(90, bucket.Aggregate.Sketch!.Quantile(0.9)!.Value, 90 * 0.02);
        Assert.Equal(50.5, bucket.Aggregate.Mean);
    }

    [Fact]
    public void Out_of_order_events_give_the_same_hopping_windows_as_in_order_ones()
    {
        CxEvent[] inOrder = [Answered(At(1), 10), Answered(At(3), 20), Answered(At(6), 60), Answered(At(7), 30)];
        var spec = WindowSpec.Hopping(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2));

        double?[] Windows(IEnumerable<CxEvent> events)
        {
            var accumulator = new MinuteBucketAccumulator("0", KpiSettings.Default);
            foreach (var e in events)
            {
                accumulator.Add(e);
            }

            var series = MinuteSeries.For(accumulator.Snapshot(), KpiId.AverageSpeedOfAnswer, Slice.All);
            return WindowComposer.Compose(series, spec, At(0), At(12)).Select(w => w.Value).ToArray();
        }

        // (9:57,10:02] → 10; (9:59,10:04] → (10+20)/2; (10:01,10:06] → (20+60)/2, 10:01 is its excluded start;
        // (10:03,10:08] → (60+30)/2, 10:03 excluded; (10:05,10:10] → (60+30)/2; (10:07,10:12] is empty: not emitted.
        double?[] expected = [10, 15, 40, 45, 45];
        Assert.Equal(expected, Windows(inOrder));
        Assert.Equal(expected, Windows(inOrder.Reverse()));
        Assert.Equal(expected, Windows([inOrder[2], inOrder[0], inOrder[3], inOrder[1]]));
    }
}
