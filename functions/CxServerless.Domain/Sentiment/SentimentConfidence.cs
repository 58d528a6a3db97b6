namespace CxServerless.Domain.Sentiment;

/// <summary>How much of a text's sentiment is positive, neutral and negative; the three add up to 1.</summary>
/// <remarks>
/// Azure AI Language returns softmax confidences of its model. The local scorer returns the shares of positive, neutral
/// and negative valence in the text (VADER's <c>pos</c>, <c>neu</c> and <c>neg</c>), which are proportions, not
/// calibrated probabilities: a long sentence with one positive word is positive with a large neutral share.
/// </remarks>
/// <param name="Positive">The positive share, 0 to 1.</param>
/// <param name="Neutral">The neutral share, 0 to 1.</param>
/// <param name="Negative">The negative share, 0 to 1.</param>
public sealed record SentimentConfidence(double Positive, double Neutral, double Negative)
{
    /// <summary>All neutral: a text without any sentiment-bearing word.</summary>
    public static SentimentConfidence AllNeutral { get; } = new(0, 1, 0);
}
