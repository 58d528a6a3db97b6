namespace CxServerless.Domain.Sentiment;

/// <summary>The sentiment of a text, in the vocabulary of Azure AI Language (<c>positive|neutral|negative|mixed</c>).</summary>
public enum SentimentLabel
{
    /// <summary>No clear feeling either way.</summary>
    Neutral,

    /// <summary>A positive feeling.</summary>
    Positive,

    /// <summary>A negative feeling.</summary>
    Negative,

    /// <summary>At least one clearly positive and one clearly negative sentence.</summary>
    Mixed,
}
