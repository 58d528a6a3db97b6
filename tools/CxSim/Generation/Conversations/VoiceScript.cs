using CxServerless.Domain.Events;

namespace CxSim.Generation.Conversations;

/// <summary>A phone call: started → queued (after IVR) → answered or abandoned → ended with talk, hold and after-call work.</summary>
internal sealed class VoiceScript : IConversationScript
{
    public static VoiceScript Instance { get; } = new();

    public void Play(ConversationBuilder c, ScriptContext context)
    {
        var r = c.Random;
        var profile = ChannelProfile.For(CxChannel.Voice);
        c.Add(CxEventType.ContactStarted, c.Contact.Arrival);
        var ivr = QueueDecision.Round(r.LogNormal(profile.IvrMedian, 0.5));
        var queued = c.Add(CxEventType.ContactQueued, ConversationBuilder.After(c.Contact.Arrival, ivr),
            e => e with { Measures = new CxMeasures { IvrSeconds = ivr } });

        var decision = QueueDecision.Decide(c, context, profile);
        if (decision.Result != QueueResult.Answered)
        {
            Abandon(c, queued.EventTime, decision.WaitSeconds);
            return;
        }

        var agent = ScriptContext.AgentFor(c.Contact, r);
        var answered = c.Add(CxEventType.ContactAnswered, ConversationBuilder.After(queued.EventTime, decision.WaitSeconds),
            e => e with { AgentKey = agent, Measures = new CxMeasures { WaitSeconds = decision.WaitSeconds } });

        var talk = QueueDecision.Round(r.LogNormal(profile.TalkMedian, 0.5));
        var hold = r.Chance(profile.HoldChance) ? QueueDecision.Round(r.LogNormal(45, 0.6)) : 0;
        var acw = QueueDecision.Round(r.LogNormal(profile.AcwMedian, 0.5));
        var transfers = r.Chance(0.07) ? 1 : 0;
        if (transfers > 0)
        {
            c.Add(
                CxEventType.ContactTransferred,
                ConversationBuilder.After(answered.EventTime, talk * 0.4),
                e => e with { AgentKey = agent });
        }

        var outcome = ContactOutcome.Pick(r);
        var agentDone = ConversationBuilder.After(answered.EventTime, talk + hold);
        if (outcome == CxOutcome.Escalated)
        {
            c.Add(CxEventType.ContactEscalated, agentDone, e => e with { AgentKey = agent, Outcome = CxOutcome.Escalated });
        }

        var endAt = ConversationBuilder.After(agentDone, acw);
        var ended = c.Add(CxEventType.ContactEnded, endAt, e => e with
        {
            AgentKey = agent,
            Outcome = outcome,
            Text = r.Chance(0.3) ? TextCatalog.WrapUpNote(r) : null,
            Measures = new CxMeasures
            {
                TalkSeconds = talk,
                HoldSeconds = hold,
                AfterContactWorkSeconds = acw,
                Transfers = transfers,
                ResolutionSeconds = outcome == CxOutcome.Resolved ? Seconds(c.Contact.Arrival, endAt) : null,
            },
        });
        FollowUps.AfterHandled(c, context, profile, ended, agent);
    }

    internal static void Abandon(ConversationBuilder c, DateTimeOffset queuedAt, double wait)
    {
        var left = c.Add(CxEventType.ContactAbandoned, ConversationBuilder.After(queuedAt, wait),
            e => e with { Outcome = CxOutcome.Abandoned, Measures = new CxMeasures { WaitSeconds = wait } });
        c.Add(CxEventType.ContactEnded, ConversationBuilder.After(left.EventTime, 0.5), e => e with { Outcome = CxOutcome.Abandoned });
    }

    internal static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Round((to - from).TotalSeconds, 1);
}
