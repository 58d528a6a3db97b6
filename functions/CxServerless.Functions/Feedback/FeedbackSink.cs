using Azure.Storage.Queues;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Ingestion;

namespace CxServerless.Functions.Feedback;

/// <summary>
/// Puts each stored event that may be customer feedback (<see cref="FeedbackCandidate.From"/>) on the feedback queue,
/// where <see cref="StartFeedbackFunction"/> evaluates the rules. It only enqueues: the batch waits for it. A redelivered
/// batch enqueues its candidates again; the starter keys everything by event id, so they change nothing twice.
/// </summary>
public sealed class FeedbackSink(QueueClient queue) : IStoredEventSink
{
    private bool _ensured;

    /// <inheritdoc />
    public async Task AcceptAsync(IReadOnlyList<SequencedEvent> stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        foreach (var e in stored)
        {
            if (FeedbackCandidate.From(e.Event) is not { } candidate)
            {
                continue;
            }

            if (!_ensured)
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                _ensured = true;
            }

            await queue.SendMessageAsync(candidate.ToJson(), cancellationToken);
        }
    }
}
