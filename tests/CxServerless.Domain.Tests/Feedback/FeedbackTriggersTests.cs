using CxServerless.Domain.Events;
using CxServerless.Domain.Feedback;

namespace CxServerless.Domain.Tests.Feedback;

public sealed class FeedbackTriggersTests
{
    private static readonly FeedbackRules Rules = FeedbackRulesParser.ParseOrThrow(FeedbackRulesParserTests.Small);

    private static FeedbackSignal Survey(
        int? csat = null, int? nps = null, int? ces = null, double? sentiment = null, string? text = null) =>
        new(CxEventType.SurveyResponse, CxChannel.Survey, csat, nps, ces, sentiment, text);

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(5, false)]
    public void Csat_of_two_or_less_of_five_triggers(int csat, bool triggers)
    {
        var result = FeedbackTriggers.Evaluate(Rules, Survey(csat: csat));

        Assert.Equal(triggers, result.Triggered);
        Assert.Equal(triggers ? ["csat"] : [], result.Reasons);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(6, true)]
    [InlineData(7, false)]
    [InlineData(10, false)]
    public void An_nps_detractor_zero_to_six_triggers(int nps, bool triggers) =>
        Assert.Equal(triggers, FeedbackTriggers.Evaluate(Rules, Survey(nps: nps)).Triggered);

    // The canonical ces runs 1-7 with 7 = very easy; effort >= 5 of 7 is ces <= 3.
    [Theory]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(7, false)]
    public void High_customer_effort_triggers(int ces, bool triggers)
    {
        Assert.Equal(triggers, FeedbackTriggers.Evaluate(Rules, Survey(ces: ces)).Triggered);
        Assert.Equal(8 - ces, FeedbackTriggers.Effort(ces));
    }

    [Fact]
    public void A_negative_survey_comment_or_email_triggers_but_negative_chat_does_not()
    {
        var survey = Survey(csat: 4, sentiment: -0.6, text: "the agent was rude");
        var email = new FeedbackSignal(CxEventType.MessagePosted, CxChannel.Email, null, null, null, -0.6, "still no refund");
        var chat = new FeedbackSignal(CxEventType.MessagePosted, CxChannel.Chat, null, null, null, -0.9, "still no refund");
        var mild = Survey(sentiment: -0.1, text: "could be better");
        var untexted = Survey(sentiment: -0.9);

        Assert.Equal(["negativeText"], FeedbackTriggers.Evaluate(Rules, survey).Reasons);
        Assert.Equal(["negativeText"], FeedbackTriggers.Evaluate(Rules, email).Reasons);
        Assert.False(FeedbackTriggers.Evaluate(Rules, chat).Triggered);
        Assert.False(FeedbackTriggers.Evaluate(Rules, mild).Triggered);
        Assert.False(FeedbackTriggers.Evaluate(Rules, untexted).Triggered);
    }

    [Fact]
    public void A_detractor_with_a_negative_comment_gives_every_reason_and_its_topic()
    {
        var survey = Survey(csat: 1, nps: 2, ces: 2, sentiment: -0.8, text: "The COURIER lost my parcel!");
        var result = FeedbackTriggers.Evaluate(Rules, survey);

        Assert.Equal(["csat", "nps", "effort", "negativeText"], result.Reasons);
        Assert.Equal(("delivery", "logistics"), (result.Topic, result.Team));
    }

    [Fact]
    public void A_survey_with_a_score_is_what_a_follow_up_waits_for()
    {
        Assert.True(Survey(csat: 5).IsScoredSurvey);
        Assert.False(Survey(text: "thanks").IsScoredSurvey);
        Assert.False(new FeedbackSignal(CxEventType.ContactEnded, CxChannel.Voice, 5, null, null, null, null).IsScoredSurvey);
    }
}
