namespace CxServerless.Functions.Sentiment;

/// <summary>
/// Told about the scores <see cref="SentimentScoring"/> stored for one queue message, by event key, after they are stored
/// and before they are counted. The queue carries no customer or conversation id, so an observer that needs them keeps
/// its own record under the event key (<see cref="Domain.Sentiment.SentimentPipelineRules.EventKey"/>). At least once: a
/// redelivered message tells the observer again.
/// </summary>
public interface IScoredEventObserver
{
    /// <summary>Takes the scores of one message.</summary>
    /// <param name="scores">The score (−1…+1) of each event key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task ScoredAsync(IReadOnlyDictionary<string, double> scores, CancellationToken cancellationToken);
}
