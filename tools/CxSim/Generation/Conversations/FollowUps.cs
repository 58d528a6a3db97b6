using CxServerless.Domain.Events;

namespace CxSim.Generation.Conversations;

/// <summary>
/// What follows a handled contact: a survey response (some customers answer), and a case for contacts not resolved on
/// first contact (opened, updated, resolved hours later, sometimes reopened). Added in event-time order.
/// </summary>
internal static class FollowUps
{
    public static void AfterHandled(
        ConversationBuilder c, ScriptContext context, ChannelProfile profile, CxEvent ended, string agent, bool caseAlreadyOpen = false)
    {
        var r = c.Random;
        var steps = new List<(DateTimeOffset At, CxEventType Type, Func<CxEvent, CxEvent> Details)>();
        var outcome = ended.Outcome ?? CxOutcome.Resolved;
        if (r.Chance(profile.SurveyChance))
        {
            var at = ConversationBuilder.After(ended.EventTime, 30 + r.Exponential(600));
            var scores = SurveyScores.Draw(r, outcome, context.EffectsAt(c.Contact, at).UnhappyShare);
            var verbatim = r.Chance(0.5) ? TextCatalog.Verbatim(scores.Csat ?? 3, r) : null;
            steps.Add((at, CxEventType.SurveyResponse, e => e with { AgentKey = agent, Scores = scores, Text = verbatim }));
        }

        if (outcome != CxOutcome.Resolved)
        {
            AddCase(c, steps, ended.EventTime, agent, caseAlreadyOpen);
        }

        foreach (var step in steps.OrderBy(s => s.At))
        {
            c.Add(step.Type, step.At, step.Details);
        }
    }

    private static void AddCase(
        ConversationBuilder c,
        List<(DateTimeOffset, CxEventType, Func<CxEvent, CxEvent>)> steps,
        DateTimeOffset endedAt,
        string agent,
        bool alreadyOpen)
    {
        var r = c.Random;
        var opened = ConversationBuilder.After(endedAt, 2);
        if (!alreadyOpen)
        {
            steps.Add((
                opened,
                CxEventType.CaseOpened,
                e => e with { AgentKey = agent, Text = TextCatalog.CaseSummary(c.Contact.Queue.Name, r) }));
        }

        var updated = ConversationBuilder.After(opened, 60 + r.Exponential(3600));
        steps.Add((updated, CxEventType.CaseUpdated, e => e with { AgentKey = agent }));
        var resolved = ConversationBuilder.After(updated, 600 + r.Exponential(6 * 3600));
        steps.Add((resolved, CxEventType.CaseResolved, e => e with
        {
            AgentKey = agent,
            Outcome = CxOutcome.Resolved,
            Measures = new CxMeasures { ResolutionSeconds = VoiceScript.Seconds(c.Contact.Arrival, resolved) },
        }));

        if (r.Chance(0.08))
        {
            var reopened = ConversationBuilder.After(resolved, 3600 + r.Exponential(86400));
            steps.Add((reopened, CxEventType.CaseReopened, e => e with { AgentKey = agent, Text = TextCatalog.CustomerFollowUp(r) }));
            var again = ConversationBuilder.After(reopened, 600 + r.Exponential(4 * 3600));
            steps.Add((again, CxEventType.CaseResolved, e => e with
            {
                AgentKey = agent,
                Outcome = CxOutcome.Resolved,
                Measures = new CxMeasures { ResolutionSeconds = VoiceScript.Seconds(c.Contact.Arrival, again) },
            }));
        }
    }
}
