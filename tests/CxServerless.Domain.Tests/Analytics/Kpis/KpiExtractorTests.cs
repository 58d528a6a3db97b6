using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Events;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Kpis;

public sealed class KpiExtractorTests
{
    private static KpiObservation[] Extract(CxEvent e, KpiSettings? settings = null)
    {
        var buffer = new KpiObservation[KpiExtractor.MaxPerEvent];
        var count = KpiExtractor.Extract(e, settings ?? KpiSettings.Default, buffer);
        return buffer[..count];
    }

    [Fact]
    public void Answered_within_the_threshold_counts_as_speed_of_answer_in_service_level_and_not_abandoned()
    {
        var observations = Extract(Answered(T0, 12));
        Assert.Equal(
            [new(KpiId.AbandonmentRate, 0), new(KpiId.AverageSpeedOfAnswer, 12), new(KpiId.ServiceLevel, 1)],
            observations);
    }

    [Fact]
    public void Answered_after_the_threshold_is_out_of_service_level() =>
        Assert.Contains(new KpiObservation(KpiId.ServiceLevel, 0), Extract(Answered(T0, 21)));

    [Fact]
    public void Short_abandon_is_excluded_from_abandonment_and_service_level() =>
        Assert.Empty(Extract(Abandoned(T0, 4.9)));

    [Fact]
    public void Abandon_after_the_service_level_threshold_counts_against_both()
    {
        Assert.Equal([new(KpiId.AbandonmentRate, 1), new(KpiId.ServiceLevel, 0)], Extract(Abandoned(T0, 45)));
    }

    [Fact]
    public void Abandon_within_the_service_level_threshold_is_neutral_for_service_level() =>
        Assert.Equal([new KpiObservation(KpiId.AbandonmentRate, 1)], Extract(Abandoned(T0, 10)));

    [Fact]
    public void Abandon_without_a_wait_counts_as_an_abandon() =>
        Assert.Equal([new KpiObservation(KpiId.AbandonmentRate, 1)], Extract(Abandoned(T0, null)));

    [Fact]
    public void Ended_contact_yields_handle_time_resolution_and_the_escalation_denominator()
    {
        var e = Event(CxEventType.ContactEnded, T0, new CxMeasures { TalkSeconds = 300, HoldSeconds = 40, AfterContactWorkSeconds = 60 }, outcome: CxOutcome.Resolved);
        Assert.Equal(
            [new(KpiId.AverageHandleTime, 400), new(KpiId.ResolutionRate, 1), new(KpiId.EscalationRate, 0)],
            Extract(e));
    }

    [Fact]
    public void Escalation_adds_to_the_numerator_only() =>
        Assert.Equal([new KpiObservation(KpiId.EscalationRate, 1, 0)], Extract(Event(CxEventType.ContactEscalated, T0)));

    [Theory]
    [InlineData(10, 100)]
    [InlineData(9, 100)]
    [InlineData(8, 0)]
    [InlineData(7, 0)]
    [InlineData(6, -100)]
    [InlineData(0, -100)]
    public void Nps_answer_maps_to_promoter_passive_or_detractor(int answer, double expected) =>
        Assert.Equal([new KpiObservation(KpiId.NetPromoterScore, expected)], Extract(Survey(T0, nps: answer)));

    [Fact]
    public void Csat_yields_the_score_and_whether_it_is_satisfied()
    {
        Assert.Equal([new(KpiId.CsatAverage, 4), new(KpiId.CsatSatisfied, 1)], Extract(Survey(T0, csat: 4)));
        Assert.Equal([new(KpiId.CsatAverage, 3), new(KpiId.CsatSatisfied, 0)], Extract(Survey(T0, csat: 3)));
    }

    [Fact]
    public void Scores_outside_their_scale_are_ignored() =>
        Assert.Empty(Extract(Survey(T0, csat: 6, nps: 11, ces: 0)));

    [Fact]
    public void Sentiment_is_taken_from_any_event()
    {
        var e = Event(CxEventType.MessagePosted, T0, scores: new CxScores { Sentiment = -0.4 });
        Assert.Equal([new KpiObservation(KpiId.AverageSentiment, -0.4)], Extract(e));
    }

    [Fact]
    public void Case_events_move_the_backlog()
    {
        Assert.Equal([new KpiObservation(KpiId.Backlog, 1)], Extract(Event(CxEventType.CaseOpened, T0)));
        Assert.Equal([new KpiObservation(KpiId.Backlog, 1)], Extract(Event(CxEventType.CaseReopened, T0)));
        Assert.Equal([new KpiObservation(KpiId.Backlog, -1)], Extract(Event(CxEventType.CaseResolved, T0)));
    }

    [Fact]
    public void Service_level_threshold_is_a_setting() =>
        Assert.Contains(
            new KpiObservation(KpiId.ServiceLevel, 1),
            Extract(Answered(T0, 25), KpiSettings.Default with { ServiceLevelThreshold = TimeSpan.FromSeconds(30) }));

    [Theory]
    [InlineData(CxChannel.Email)]
    [InlineData(CxChannel.Messaging)]
    [InlineData(CxChannel.FieldService)]
    public void An_asynchronous_contact_counts_for_abandonment_but_not_for_speed_of_answer_or_service_level(CxChannel channel)
    {
        Assert.Equal([new KpiObservation(KpiId.AbandonmentRate, 0)], Extract(Answered(T0, 7200) with { Channel = channel }));
        Assert.Equal([new KpiObservation(KpiId.AbandonmentRate, 1)], Extract(Abandoned(T0, 600) with { Channel = channel }));
    }

    [Theory]
    [InlineData(CxChannel.Voice)]
    [InlineData(CxChannel.Chat)]
    [InlineData(CxChannel.Chatbot)]
    public void A_real_time_contact_counts_for_speed_of_answer_and_service_level(CxChannel channel) =>
        Assert.Contains(new KpiObservation(KpiId.AverageSpeedOfAnswer, 12), Extract(Answered(T0, 12) with { Channel = channel }));
}
