namespace CxServerless.Domain.Sentiment;

/// <summary>The sentiment of one text, with the scorer and model that produced it.</summary>
/// <param name="Label">Positive, neutral, negative or mixed.</param>
/// <param name="Confidence">The positive, neutral and negative shares (they add up to 1).</param>
/// <param name="Score">
/// One number from −1 (most negative) to +1 (most positive): the value the <c>AverageSentiment</c> KPI averages. The local
/// scorer's normalised valence (VADER's <c>compound</c>); for Azure AI Language, positive minus negative confidence.
/// </param>
/// <param name="Scorer">Which scorer produced it: <see cref="LexiconSentimentScorer.Name"/> or <c>azure-language</c>.</param>
/// <param name="ModelVersion">The model or lexicon version of that scorer.</param>
public sealed record SentimentScore(
    SentimentLabel Label, SentimentConfidence Confidence, double Score, string Scorer, string ModelVersion);
