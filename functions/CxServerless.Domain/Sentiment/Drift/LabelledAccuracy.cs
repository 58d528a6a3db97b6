namespace CxServerless.Domain.Sentiment.Drift;

/// <summary>
/// How well a scorer's labels match people's labels on a labelled sample: the share it got right and the recall of each
/// class (the share of that class's sentences it labelled as that class). A <c>mixed</c> answer is wrong for any class.
/// </summary>
/// <param name="Count">The sentences scored.</param>
/// <param name="Accuracy">The share labelled right, 0 to 1.</param>
/// <param name="Recall">The recall of positive, negative and neutral, 0 to 1 (a class without sentences is left out).</param>
public sealed record LabelledAccuracy(int Count, double Accuracy, IReadOnlyDictionary<SentimentLabel, double> Recall)
{
    /// <summary>The classes the sample labels.</summary>
    public static IReadOnlyList<SentimentLabel> Classes { get; } =
        [SentimentLabel.Positive, SentimentLabel.Negative, SentimentLabel.Neutral];

    /// <summary>Measures labels against the expected ones.</summary>
    /// <param name="pairs">Each sentence's expected and predicted label.</param>
    /// <returns>The measure.</returns>
    /// <exception cref="ArgumentException">There is no pair.</exception>
    public static LabelledAccuracy Measure(IReadOnlyCollection<(SentimentLabel Expected, SentimentLabel Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            throw new ArgumentException("Accuracy needs at least one labelled sentence.", nameof(pairs));
        }

        var right = pairs.Count(p => p.Expected == p.Predicted);
        var recall = new Dictionary<SentimentLabel, double>();
        foreach (var label in Classes)
        {
            var ofClass = pairs.Where(p => p.Expected == label).ToList();
            if (ofClass.Count > 0)
            {
                recall[label] = (double)ofClass.Count(p => p.Predicted == label) / ofClass.Count;
            }
        }

        return new LabelledAccuracy(pairs.Count, (double)right / pairs.Count, recall);
    }
}
