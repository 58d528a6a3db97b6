using CxServerless.Domain.Sentiment;
using CxServerless.Domain.Sentiment.Drift;
using Xunit.Abstractions;

namespace CxServerless.Domain.Tests.Sentiment.Drift;

/// <summary>
/// The local scorer on the drift sample: the figures the drift check's first baseline of <c>local-lexicon</c> holds
/// (docs/sentiment.md, "Drift check"). Printed, and a floor under them so that a worse scorer is noticed here too.
/// </summary>
public sealed class LocalScorerOnDriftSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void The_local_scorer_labels_the_drift_sample_as_documented()
    {
        var scorer = LexiconSentimentScorer.Default;
        var measure = LabelledAccuracy.Measure(DriftSample.All.Select(s => (s.Expected, scorer.Score(s.Text).Label)).ToList());

        output.WriteLine(FormattableString.Invariant(
            $"accuracy {measure.Accuracy:0.000}; recall positive {measure.Recall[SentimentLabel.Positive]:0.000}, ")
            + FormattableString.Invariant(
            $"negative {measure.Recall[SentimentLabel.Negative]:0.000}, neutral {measure.Recall[SentimentLabel.Neutral]:0.000}"));

        // Measured 0.767 (recall 0.960, 0.720, 0.620) when the sample was written; the floor is two standard errors
        // (2 × sqrt(0.767 × 0.233 / 300) ≈ 0.049) under it.
        Assert.True(measure.Accuracy >= 0.72, FormattableString.Invariant($"accuracy {measure.Accuracy:0.000} is below 0.72"));
    }
}
