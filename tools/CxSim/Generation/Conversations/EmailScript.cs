using CxServerless.Domain.Events;

namespace CxSim.Generation.Conversations;

/// <summary>
/// An e-mail: received (a ticket opens) → queued → picked up hours later → first public reply → handled → resolved
/// (now, or later when unresolved). In a dead queue nobody picks it up and the ticket stays open (backlog).
/// </summary>
internal sealed class EmailScript : IConversationScript
{
    public static EmailScript Instance { get; } = new();

    public void Play(ConversationBuilder c, ScriptContext context)
    {
        var r = c.Random;
        var profile = ChannelProfile.For(CxChannel.Email);
        var start = c.Add(
            CxEventType.ContactStarted, c.Contact.Arrival, e => e with { Text = TextCatalog.CustomerOpener(c.Contact.Queue.Name, r) });
        c.Add(CxEventType.CaseOpened, ConversationBuilder.After(start.EventTime, 1));
        var queued = c.Add(CxEventType.ContactQueued, ConversationBuilder.After(start.EventTime, 2));

        var decision = QueueDecision.Decide(c, context, profile);
        if (decision.Result != QueueResult.Answered)
        {
            return;
        }

        var agent = ScriptContext.AgentFor(c.Contact, r);
        var answered = c.Add(CxEventType.ContactAnswered, ConversationBuilder.After(queued.EventTime, decision.WaitSeconds),
            e => e with { AgentKey = agent, Measures = new CxMeasures { WaitSeconds = decision.WaitSeconds } });
        var handle = QueueDecision.Round(r.LogNormal(profile.TalkMedian, 0.5));
        var replyAt = ConversationBuilder.After(answered.EventTime, handle);
        var reply = c.Add(CxEventType.FirstResponse, replyAt, e => e with
        {
            AgentKey = agent,
            Text = TextCatalog.AgentReply(r),
            Measures = new CxMeasures { FirstResponseSeconds = VoiceScript.Seconds(c.Contact.Arrival, replyAt) },
        });

        var outcome = ContactOutcome.Pick(r);
        var acw = QueueDecision.Round(r.LogNormal(profile.AcwMedian, 0.5));
        var endAt = ConversationBuilder.After(reply.EventTime, acw);
        var ended = c.Add(CxEventType.ContactEnded, endAt, e => e with
        {
            AgentKey = agent,
            Outcome = outcome,
            Measures = new CxMeasures { TalkSeconds = handle, AfterContactWorkSeconds = acw, Transfers = 0 },
        });

        if (outcome == CxOutcome.Resolved)
        {
            var resolvedAt = ConversationBuilder.After(ended.EventTime, 1);
            c.Add(CxEventType.CaseResolved, resolvedAt, e => e with
            {
                AgentKey = agent,
                Outcome = CxOutcome.Resolved,
                Measures = new CxMeasures { ResolutionSeconds = VoiceScript.Seconds(c.Contact.Arrival, resolvedAt) },
            });
        }
        else if (r.Chance(0.4))
        {
            c.Add(
                CxEventType.MessagePosted,
                ConversationBuilder.After(ended.EventTime, r.Exponential(3600) + 60),
                e => e with { Text = TextCatalog.CustomerFollowUp(r) });
        }

        FollowUps.AfterHandled(c, context, profile, ended, agent, caseAlreadyOpen: true);
    }
}
