using System.Globalization;
using CxServerless.Domain.Events;
using CxServerless.Domain.Interventions;
using CxServerless.Domain.Sentiment;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Ingestion;

namespace CxServerless.Functions.Interventions;

/// <summary>
/// Keeps the live state the intervention rules read, from each batch's stored events, and fires the repeat-contact rule:
/// <list type="bullet">
/// <item><c>ContactQueued</c>: a contact whose customer's previous contact on the same topic (its queue) started within the
/// rule's window is a repeat contact; the contact's wait is recorded for <see cref="CheckInterventionsFunction"/>;</item>
/// <item><c>ContactAnswered</c>, <c>ContactAbandoned</c>, <c>ContactEnded</c>: the wait is over; a chat's end is recorded;</item>
/// <item>a customer's chat message (no agent) with text: judged now when its source gave a sentiment, else recorded under
/// its sentiment event key until <c>ScoreSentiment</c> scores it (<see cref="InterventionSentimentObserver"/>).</item>
/// </list>
/// </summary>
/// <remarks>
/// Registered before the sentiment enqueuer, so a message's row exists before its text is queued for scoring. At least
/// once, as every <see cref="IStoredEventSink"/>: the state rows are keyed by conversation or event (a second write
/// changes nothing) and each intervention is decided once by its id (<see cref="InterventionStore.ClaimAsync"/>).
/// </remarks>
public sealed class InterventionSink(InterventionStore store, InterventionRecorder recorder, TimeProvider time) : IStoredEventSink
{
    /// <inheritdoc />
    public async Task AcceptAsync(IReadOnlyList<SequencedEvent> stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        foreach (var e in stored.Select(s => s.Event))
        {
            switch (e.Type)
            {
                case CxEventType.ContactQueued:
                    await QueuedAsync(e, cancellationToken);
                    break;
                case CxEventType.ContactAnswered or CxEventType.ContactAbandoned or CxEventType.ContactEnded:
                    await store.CloseWaitAsync(e.ConversationId, cancellationToken);
                    if (e.Channel == CxChannel.Chat && e.Type != CxEventType.ContactAnswered)
                    {
                        await store.MarkEndedAsync(e.ConversationId, time.GetUtcNow(), cancellationToken);
                    }

                    break;
                case CxEventType.MessagePosted when e.Channel == CxChannel.Chat && e.AgentKey is null && !string.IsNullOrWhiteSpace(e.Text):
                    await MessageAsync(e, cancellationToken);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>The sentiment-alert candidate of a chat message scored <paramref name="score"/>.</summary>
    /// <param name="message">The message's situation.</param>
    /// <param name="score">The score.</param>
    /// <returns>The candidate.</returns>
    public static InterventionCandidate SentimentCandidate(InterventionCandidate message, double score)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message with
        {
            Kind = InterventionKinds.SentimentAlert,
            Detail = string.Create(CultureInfo.InvariantCulture, $"a customer message scored {score:0.00}"),
        };
    }

    /// <summary>Whether a scored chat message triggers the sentiment rule: below the threshold while its chat is live.</summary>
    /// <param name="store">The store (for the chat's end).</param>
    /// <param name="rule">The rule.</param>
    /// <param name="message">The message's situation.</param>
    /// <param name="score">Its score.</param>
    /// <param name="now">Now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when it triggers.</returns>
    public static async Task<bool> DropsAsync(
        InterventionStore store, SentimentDropRule rule, InterventionCandidate message, double score, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(message);
        return score < rule.Below
            && now - message.EventTime <= rule.LiveFor
            && !await store.HasEndedAsync(message.ConversationId, cancellationToken);
    }

    private async Task QueuedAsync(CxEvent e, CancellationToken cancellationToken)
    {
        var contact = new InterventionCandidate(
            InterventionKinds.CallbackOffer, e.ConversationId, e.CustomerKey, e.Team, e.Queue, e.EventTime, string.Empty);
        if (e.CustomerKey is { Length: > 0 } && e.Queue is { Length: > 0 } topic)
        {
            var rule = recorder.Rules.RepeatContact;
            var previous = await store.LastContactAsync(e.CustomerKey, topic, cancellationToken);
            if (previous is { } last && last.ConversationId != e.ConversationId
                && e.EventTime >= last.At && e.EventTime - last.At <= rule.Within)
            {
                var hours = (e.EventTime - last.At).TotalHours;
                var detail = string.Create(
                    CultureInfo.InvariantCulture, $"the customer's contact {last.ConversationId} on {topic} was {hours:0.0} h before");
                await recorder.InterveneAsync(contact with { Kind = InterventionKinds.RepeatContact, Detail = detail }, cancellationToken);
            }

            await store.RecordContactAsync(contact, topic, time.GetUtcNow(), cancellationToken);
        }

        await store.RecordWaitAsync(contact, time.GetUtcNow(), cancellationToken);
    }

    private async Task MessageAsync(CxEvent e, CancellationToken cancellationToken)
    {
        var message = new InterventionCandidate(
            InterventionKinds.SentimentAlert, e.ConversationId, e.CustomerKey, e.Team, e.Queue, e.EventTime, string.Empty);
        if (e.Scores.Sentiment is { } given)
        {
            if (await DropsAsync(store, recorder.Rules.SentimentDrop, message, given, time.GetUtcNow(), cancellationToken))
            {
                await recorder.InterveneAsync(SentimentCandidate(message, given), cancellationToken);
            }

            return;
        }

        if (SentimentPipelineRules.NeedsScoring(e))
        {
            await store.RecordMessageAsync(
                SentimentPipelineRules.EventKey(e.SourceSystem, e.EventId), message, time.GetUtcNow(), cancellationToken);
        }
    }
}
