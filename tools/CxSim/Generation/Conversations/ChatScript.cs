using CxServerless.Domain.Events;

namespace CxSim.Generation.Conversations;

/// <summary>
/// Live chat or asynchronous messaging: the customer writes, the contact queues, an agent answers with a first public
/// reply, messages go back and forth, and the agent wraps up. Messaging has longer waits and gaps.
/// </summary>
internal sealed class ChatScript(CxChannel channel) : IConversationScript
{
    public static ChatScript Chat { get; } = new(CxChannel.Chat);

    public static ChatScript Messaging { get; } = new(CxChannel.Messaging);

    public void Play(ConversationBuilder c, ScriptContext context)
    {
        var r = c.Random;
        var profile = ChannelProfile.For(channel);
        var start = c.Add(CxEventType.ContactStarted, c.Contact.Arrival);
        c.Add(
            CxEventType.MessagePosted,
            ConversationBuilder.After(start.EventTime, 1),
            e => e with { Text = TextCatalog.CustomerOpener(c.Contact.Queue.Name, r) });
        var ivr = QueueDecision.Round(r.LogNormal(profile.IvrMedian, 0.4));
        var queued = c.Add(CxEventType.ContactQueued, ConversationBuilder.After(start.EventTime, ivr),
            e => e with { Measures = new CxMeasures { IvrSeconds = ivr } });

        var decision = QueueDecision.Decide(c, context, profile);
        if (decision.Result != QueueResult.Answered)
        {
            VoiceScript.Abandon(c, queued.EventTime, decision.WaitSeconds);
            return;
        }

        var agent = ScriptContext.AgentFor(c.Contact, r);
        var answered = c.Add(CxEventType.ContactAnswered, ConversationBuilder.After(queued.EventTime, decision.WaitSeconds),
            e => e with { AgentKey = agent, Measures = new CxMeasures { WaitSeconds = decision.WaitSeconds } });
        var firstAt = ConversationBuilder.After(answered.EventTime, QueueDecision.Round(r.LogNormal(8, 0.5)));
        var first = c.Add(CxEventType.FirstResponse, firstAt, e => e with
        {
            AgentKey = agent,
            Text = TextCatalog.AgentReply(r),
            Measures = new CxMeasures { FirstResponseSeconds = VoiceScript.Seconds(c.Contact.Arrival, firstAt) },
        });

        var last = Exchange(c, first.EventTime, agent, profile);
        var outcome = ContactOutcome.Pick(r);
        if (outcome == CxOutcome.Escalated)
        {
            c.Add(
                CxEventType.ContactEscalated,
                ConversationBuilder.After(last, 1),
                e => e with { AgentKey = agent, Outcome = CxOutcome.Escalated });
        }

        var acw = QueueDecision.Round(r.LogNormal(profile.AcwMedian, 0.5));
        var endAt = ConversationBuilder.After(last, acw);
        var ended = c.Add(CxEventType.ContactEnded, endAt, e => e with
        {
            AgentKey = agent,
            Outcome = outcome,
            Measures = new CxMeasures
            {
                TalkSeconds = VoiceScript.Seconds(answered.EventTime, last),
                AfterContactWorkSeconds = acw,
                Transfers = 0,
                ResolutionSeconds = outcome == CxOutcome.Resolved ? VoiceScript.Seconds(c.Contact.Arrival, endAt) : null,
            },
        });
        FollowUps.AfterHandled(c, context, profile, ended, agent);
    }

    private static DateTimeOffset Exchange(ConversationBuilder c, DateTimeOffset from, string agent, ChannelProfile profile)
    {
        var r = c.Random;
        var at = from;
        var messages = r.Between(2, 8);
        for (var k = 0; k < messages; k++)
        {
            at = ConversationBuilder.After(at, QueueDecision.Round(r.LogNormal(profile.MessageGapMedian, 0.6)));
            var fromCustomer = k % 2 == 0;
            var text = fromCustomer ? TextCatalog.CustomerFollowUp(r) : TextCatalog.AgentReply(r);
            at = c.Add(CxEventType.MessagePosted, at, e => e with { Text = text, AgentKey = fromCustomer ? null : agent }).EventTime;
        }

        return at;
    }
}
