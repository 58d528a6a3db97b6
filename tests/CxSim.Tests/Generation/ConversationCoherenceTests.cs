using CxServerless.Domain.Events;
using CxSim.Generation;

namespace CxSim.Tests.Generation;

public class ConversationCoherenceTests
{
    private static readonly SimulationScenario Scenario = TestScenarios.Hours(4, seed: 5) with { PiiShare = 0.05, MalformedShare = 0.02 };
    private static readonly List<CxEvent> Events = new TrafficGenerator(Scenario).Valid();

    private static IEnumerable<List<CxEvent>> Conversations => Events.GroupBy(e => e.ConversationId).Select(g => g.ToList());

    [Fact]
    public void Every_conversation_starts_with_ContactStarted_and_its_times_never_go_back()
    {
        Assert.All(Conversations, c =>
        {
            Assert.Equal(CxEventType.ContactStarted, c[0].Type);
            Assert.All(c.Zip(c.Skip(1)), p => Assert.True(p.First.EventTime <= p.Second.EventTime, $"{p.Second.EventId} is before {p.First.EventId}"));
        });
    }

    [Fact]
    public void Every_answered_or_abandoned_contact_was_queued_first_and_none_is_both()
    {
        foreach (var c in Conversations)
        {
            var types = c.Select(e => e.Type).ToList();
            var queued = types.IndexOf(CxEventType.ContactQueued);
            var answered = types.IndexOf(CxEventType.ContactAnswered);
            var abandoned = types.IndexOf(CxEventType.ContactAbandoned);
            if (answered >= 0 || abandoned >= 0)
            {
                Assert.InRange(queued, 0, Math.Max(answered, abandoned) - 1);
            }

            Assert.False(answered >= 0 && abandoned >= 0, $"{c[0].ConversationId} was both answered and abandoned");
            if (types.Contains(CxEventType.FirstResponse))
            {
                Assert.True(answered >= 0 && types.IndexOf(CxEventType.FirstResponse) > answered);
            }
        }
    }

    [Fact]
    public void Voice_contacts_end_with_talk_hold_and_after_contact_work_when_answered()
    {
        // Calls that arrived in the last minutes are still in progress when the simulated span ends.
        var voice = Conversations.Where(c => c[0].Channel == CxChannel.Voice && c[0].EventTime < Scenario.End!.Value.AddHours(-1)
            && c.Any(e => e.Type == CxEventType.ContactAnswered)).ToList();

        Assert.NotEmpty(voice);
        Assert.All(voice, c =>
        {
            var ended = Assert.Single(c, e => e.Type == CxEventType.ContactEnded);
            Assert.NotNull(ended.Measures.TalkSeconds);
            Assert.NotNull(ended.Measures.HoldSeconds);
            Assert.NotNull(ended.Measures.AfterContactWorkSeconds);
            Assert.NotNull(ended.Outcome);
            var answered = c.Single(e => e.Type == CxEventType.ContactAnswered);
            Assert.NotNull(answered.Measures.WaitSeconds);
            Assert.NotNull(answered.AgentKey);
        });
    }

    [Fact]
    public void Abandoned_contacts_carry_their_wait_and_end_as_abandoned()
    {
        var abandoned = Events.Where(e => e.Type == CxEventType.ContactAbandoned).ToList();
        var endedAbandoned = Events.Where(x => x.Type == CxEventType.ContactEnded && x.Outcome == CxOutcome.Abandoned).Select(x => x.ConversationId).ToHashSet();

        Assert.NotEmpty(abandoned);
        Assert.All(abandoned, e =>
        {
            Assert.NotNull(e.Measures.WaitSeconds);
            Assert.Equal(CxOutcome.Abandoned, e.Outcome);
            Assert.True(e.EventTime > Scenario.End!.Value.AddSeconds(-1)
                || endedAbandoned.Contains(e.ConversationId));
        });
    }

    [Fact]
    public void All_durations_are_non_negative_and_all_scores_on_their_scales()
    {
        Assert.All(Events, e =>
        {
            var m = e.Measures;
            foreach (var d in new[] { m.WaitSeconds, m.IvrSeconds, m.TalkSeconds, m.HoldSeconds, m.AfterContactWorkSeconds, m.FirstResponseSeconds, m.ResolutionSeconds })
            {
                Assert.True(d is null or >= 0, $"{e.EventId} has a negative duration");
            }

            Assert.True(m.Transfers is null or >= 0);
            Assert.True(e.Scores.Csat is null or (>= 1 and <= 5));
            Assert.True(e.Scores.Nps is null or (>= 0 and <= 10));
            Assert.True(e.Scores.Ces is null or (>= 1 and <= 7));
        });
    }

    [Fact]
    public void Digital_channels_have_first_responses_and_messages_with_text()
    {
        foreach (var channel in new[] { CxChannel.Chat, CxChannel.Messaging, CxChannel.Email })
        {
            var responses = Events.Where(e => e.Channel == channel && e.Type == CxEventType.FirstResponse).ToList();
            Assert.NotEmpty(responses);
            Assert.All(responses, e => Assert.False(string.IsNullOrWhiteSpace(e.Text)));
            Assert.All(responses, e => Assert.True(e.Measures.FirstResponseSeconds > 0));
        }

        Assert.Contains(Events, e => e.Type == CxEventType.MessagePosted && e.Channel == CxChannel.Chat && !string.IsNullOrWhiteSpace(e.Text));
    }

    [Fact]
    public void Cases_open_before_they_resolve_and_surveys_carry_scores_and_verbatims()
    {
        foreach (var c in Conversations.Where(c => c.Any(e => e.Type == CxEventType.CaseResolved)))
        {
            var opened = c.FindIndex(e => e.Type == CxEventType.CaseOpened);
            Assert.InRange(opened, 0, c.FindIndex(e => e.Type == CxEventType.CaseResolved) - 1);
        }

        var surveys = Events.Where(e => e.Type == CxEventType.SurveyResponse).ToList();
        Assert.NotEmpty(surveys);
        Assert.All(surveys, s => Assert.True(s.Scores.Csat is not null && s.Scores.Nps is not null && s.Scores.Ces is not null));
        Assert.Contains(surveys, s => !string.IsNullOrWhiteSpace(s.Text));
    }

    [Fact]
    public void Event_ids_are_unique()
    {
        Assert.Equal(Events.Count, Events.Select(e => e.EventId).Distinct().Count());
    }
}
