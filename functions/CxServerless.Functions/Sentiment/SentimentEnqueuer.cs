using System.Text;
using Azure.Storage.Queues;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Events;
using CxServerless.Domain.Sentiment;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Ingestion;

namespace CxServerless.Functions.Sentiment;

/// <summary>
/// Takes the events each ingestion batch stored and puts those with masked text and no source-given sentiment on the
/// sentiment queue, several to a message, for <c>ScoreSentiment</c> to score off the ingestion path.
/// </summary>
/// <remarks>
/// At least once, as every <see cref="IStoredEventSink"/>: a redelivered batch enqueues its events again, and the scorer
/// counts each event once by its key (<see cref="SentimentPipelineRules.EventKey"/>). The queue is plain text
/// (<c>messageEncoding: none</c> in host.json, as for the alerts queue), so messages are JSON, not Base64.
/// </remarks>
public sealed class SentimentEnqueuer(QueueClient queue) : IStoredEventSink
{
    /// <summary>The queue's default name (setting <c>CxSentimentQueue</c>).</summary>
    public const string DefaultQueueName = "sentiment-requests";

    private volatile bool _created;

    /// <summary>The queue.</summary>
    public QueueClient Queue => queue;

    /// <inheritdoc />
    public async Task AcceptAsync(IReadOnlyList<SequencedEvent> stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var items = stored.Select(s => s.Event).Where(SentimentPipelineRules.NeedsScoring).Select(ToItem).ToList();
        if (items.Count == 0)
        {
            return;
        }

        if (!_created)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }

        foreach (var message in Pack(items))
        {
            await queue.SendMessageAsync(message, cancellationToken);
        }

        SentimentMetrics.Enqueued(items.Count);
    }

    /// <summary>The queue item of a stored event.</summary>
    public static SentimentQueueItem ToItem(CxEvent cxEvent)
    {
        ArgumentNullException.ThrowIfNull(cxEvent);
        var slices = new Slice[Slice.MaxPerEvent];
        var count = Slice.ForEvent(cxEvent, slices);
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = slices[i].ToString();
        }

        var text = cxEvent.Text ?? string.Empty;
        var truncated = text.Length > SentimentQueueMessage.MaxTextChars;
        if (truncated)
        {
            var cut = SentimentQueueMessage.MaxTextChars;
            cut -= char.IsHighSurrogate(text[cut - 1]) ? 1 : 0; // never split a surrogate pair
            text = text[..cut];
        }

        return new SentimentQueueItem(cxEvent.EventId, cxEvent.SourceSystem, cxEvent.EventTime, names, text, truncated);
    }

    /// <summary>
    /// Packs items into as few messages as fit <see cref="SentimentQueueMessage.MaxBytes"/> each, in order. One item always
    /// fits a message of its own (its text is at most <see cref="SentimentQueueMessage.MaxTextChars"/> characters).
    /// </summary>
    public static IReadOnlyList<string> Pack(IReadOnlyList<SentimentQueueItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var empty = Encoding.UTF8.GetByteCount(new SentimentQueueMessage(SentimentQueueMessage.CurrentVersion, []).ToJson());
        var messages = new List<string>();
        var current = new List<SentimentQueueItem>();
        var bytes = empty;
        foreach (var item in items)
        {
            // Each item adds its own JSON and a comma: the message's size is known without serialising it again.
            var size = Encoding.UTF8.GetByteCount(SentimentQueueMessage.ItemJson(item)) + 1;
            if (current.Count > 0 && bytes + size > SentimentQueueMessage.MaxBytes)
            {
                messages.Add(new SentimentQueueMessage(SentimentQueueMessage.CurrentVersion, current).ToJson());
                current = [];
                bytes = empty;
            }

            current.Add(item);
            bytes += size;
        }

        if (current.Count > 0)
        {
            messages.Add(new SentimentQueueMessage(SentimentQueueMessage.CurrentVersion, current).ToJson());
        }

        return messages;
    }
}
