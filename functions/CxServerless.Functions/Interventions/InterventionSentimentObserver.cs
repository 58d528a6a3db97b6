using CxServerless.Functions.Sentiment;

namespace CxServerless.Functions.Interventions;

/// <summary>
/// The live-chat sentiment rule, fed by <c>ScoreSentiment</c>: each scored event key that <see cref="InterventionSink"/>
/// recorded as a customer's chat message is judged (below the threshold while the chat is live) and then forgotten. Keys
/// of other events find no row and cost one point read each.
/// </summary>
public sealed class InterventionSentimentObserver(InterventionStore store, InterventionRecorder recorder, TimeProvider time)
    : IScoredEventObserver
{
    /// <inheritdoc />
    public async Task ScoredAsync(IReadOnlyDictionary<string, double> scores, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scores);
        foreach (var (key, score) in scores)
        {
            if (await store.GetMessageAsync(key, cancellationToken) is not { } message)
            {
                continue;
            }

            if (await InterventionSink.DropsAsync(store, recorder.Rules.SentimentDrop, message, score, time.GetUtcNow(), cancellationToken))
            {
                await recorder.InterveneAsync(InterventionSink.SentimentCandidate(message, score), cancellationToken);
            }

            await store.ForgetMessageAsync(key, cancellationToken);
        }
    }
}
