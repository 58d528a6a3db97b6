using CxServerless.Domain.Events;
using CxSim.Generation;
using CxSim.Incidents;
using CxSim.Tests.Generation;

namespace CxSim.Tests.Incidents;

public class IncidentEffectTests
{
    private static readonly SimulationScenario Baseline = TestScenarios.Hours(3, seed: 21, contactsPerMinute: 40) with { Curve = IntradayCurve.Flat };
    private static readonly DateTimeOffset From = Baseline.Start.AddHours(1);
    private static readonly DateTimeOffset To = Baseline.Start.AddHours(2);
    private static readonly Lazy<List<CxEvent>> BaselineEvents = new(() => new TrafficGenerator(Baseline).Valid());
    private static readonly IncidentSlice Billing = new(Queue: "billing");

    [Fact]
    public void A_wait_spike_lengthens_waits_in_its_slice_and_window_only()
    {
        var (before, after) = Run(new Incident(IncidentKind.WaitSpike, From, To, Billing));

        var inside = MeanWait(before, inSlice: true);
        var spiked = MeanWait(after, inSlice: true);
        Assert.True(spiked > 2.5 * inside, $"mean wait {inside:0.0}s became {spiked:0.0}s");
        Assert.Equal(MeanWait(before, inSlice: false), MeanWait(after, inSlice: false));
    }

    [Fact]
    public void An_abandonment_surge_raises_the_abandonment_rate_in_the_window()
    {
        var (before, after) = Run(new Incident(IncidentKind.AbandonmentSurge, From, To, Billing));

        var baseRate = AbandonRate(before);
        var surged = AbandonRate(after);
        Assert.True(surged > 3 * baseRate, $"abandonment {baseRate:P1} became {surged:P1}");
    }

    [Fact]
    public void A_csat_dip_lowers_survey_scores_answered_in_the_window()
    {
        var (before, after) = Run(new Incident(IncidentKind.CsatDip, From, To, Billing));

        static double MeanCsat(IEnumerable<CxEvent> events) => events
            .Where(e => e.Type == CxEventType.SurveyResponse && e.Queue == "billing" && e.EventTime >= From && e.EventTime < To)
            .Average(e => e.Scores.Csat!.Value);

        Assert.True(MeanCsat(after) < MeanCsat(before) - 1.2, $"mean CSAT {MeanCsat(before):0.00} became {MeanCsat(after):0.00}");
    }

    [Fact]
    public void A_dead_queue_answers_nobody_in_its_slice_while_the_incident_lasts()
    {
        var (before, after) = Run(new Incident(IncidentKind.DeadQueue, From, To, Billing));

        Assert.NotEmpty(ArrivedInWindow(before, CxEventType.ContactAnswered));
        Assert.Empty(ArrivedInWindow(after, CxEventType.ContactAnswered));
        Assert.NotEmpty(ArrivedInWindow(after, CxEventType.ContactAbandoned));
    }

    [Fact]
    public void Traffic_outside_the_slice_is_identical_with_and_without_an_incident()
    {
        var (before, after) = Run(new Incident(IncidentKind.DeadQueue, From, To, Billing));

        Assert.Equal(before.Where(e => e.Queue != "billing"), after.Where(e => e.Queue != "billing"));
    }

    [Fact]
    public void Labels_describe_each_incident_kind_kpi_slice_and_window()
    {
        var scenario = Baseline with
        {
            Incidents =
            [
                new Incident(IncidentKind.WaitSpike, From, To, Billing),
                new Incident(IncidentKind.CsatDip, From, To, new IncidentSlice(Channel: CxChannel.Chat, Region: "emea"), 0.9),
            ],
        };

        var labels = new TrafficGenerator(scenario).Labels;

        Assert.Collection(labels,
            l =>
            {
                Assert.Equal(("wait-spike", "average-speed-of-answer", From, To, 4.0), (l.Kind, l.Kpi, l.Start, l.End, l.Magnitude));
                Assert.Equal(new Dictionary<string, string> { ["queue"] = "billing" }, l.Slice);
            },
            l =>
            {
                Assert.Equal(("csat-dip", "csat", 0.9), (l.Kind, l.Kpi, l.Magnitude));
                Assert.Equal(new Dictionary<string, string> { ["channel"] = "Chat", ["region"] = "emea" }, l.Slice);
                Assert.Contains("nps", l.Affects);
            });
        var line = labels[1].ToJsonLine();
        var read = IncidentLabel.FromJsonLine(line);
        Assert.Equal((labels[1].Kind, labels[1].Kpi, labels[1].Start, labels[1].End), (read.Kind, read.Kpi, read.Start, read.End));
        Assert.Equal(labels[1].Slice, read.Slice);
        Assert.Equal(labels[1].Affects, read.Affects);
        Assert.StartsWith("{\"kind\":\"csat-dip\",\"kpi\":\"csat\",", line, StringComparison.Ordinal);
    }

    private static (List<CxEvent> Before, List<CxEvent> After) Run(Incident incident) =>
        (BaselineEvents.Value, new TrafficGenerator(Baseline with { Incidents = [incident] }).Valid());

    private static HashSet<string> ArrivalsInWindow(List<CxEvent> events, bool inSlice) =>
        [.. events.Where(e => e.Type == CxEventType.ContactStarted && e.EventTime >= From && e.EventTime < To && (e.Queue == "billing") == inSlice)
            .Select(e => e.ConversationId)];

    private static List<CxEvent> ArrivedInWindow(List<CxEvent> events, CxEventType type)
    {
        var ids = ArrivalsInWindow(events, inSlice: true);
        return [.. events.Where(e => e.Type == type && ids.Contains(e.ConversationId))];
    }

    private static double MeanWait(List<CxEvent> events, bool inSlice)
    {
        var ids = ArrivalsInWindow(events, inSlice);
        return events.Where(e => e.Type == CxEventType.ContactAnswered && ids.Contains(e.ConversationId) && e.Channel == CxChannel.Voice)
            .Average(e => e.Measures.WaitSeconds!.Value);
    }

    private static double AbandonRate(List<CxEvent> events)
    {
        var ids = ArrivalsInWindow(events, inSlice: true);
        var voice = events.Where(e => ids.Contains(e.ConversationId) && e.Channel == CxChannel.Voice).ToList();
        return (double)voice.Count(e => e.Type == CxEventType.ContactAbandoned) / voice.Count(e => e.Type == CxEventType.ContactQueued);
    }
}
