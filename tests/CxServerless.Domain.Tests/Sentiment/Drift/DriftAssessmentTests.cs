using CxServerless.Domain.Sentiment;
using CxServerless.Domain.Sentiment.Drift;

namespace CxServerless.Domain.Tests.Sentiment.Drift;

public sealed class DriftAssessmentTests
{
    private static readonly DriftThresholds Thresholds = new(PsiWarn: 0.1, PsiAlert: 0.25, AccuracyDropPoints: 5, RecallDropPoints: 10);

    [Fact]
    public void Accuracy_and_recall_count_a_mixed_answer_as_wrong()
    {
        // 4 positive (3 right, 1 mixed), 2 negative (1 right, 1 called neutral), 2 neutral (both right): 6 of 8 right.
        var measure = LabelledAccuracy.Measure(
        [
            (SentimentLabel.Positive, SentimentLabel.Positive), (SentimentLabel.Positive, SentimentLabel.Positive),
            (SentimentLabel.Positive, SentimentLabel.Positive), (SentimentLabel.Positive, SentimentLabel.Mixed),
            (SentimentLabel.Negative, SentimentLabel.Negative), (SentimentLabel.Negative, SentimentLabel.Neutral),
            (SentimentLabel.Neutral, SentimentLabel.Neutral), (SentimentLabel.Neutral, SentimentLabel.Neutral),
        ]);

        Assert.Equal(0.75, measure.Accuracy);
        Assert.Equal(0.75, measure.Recall[SentimentLabel.Positive]);
        Assert.Equal(0.5, measure.Recall[SentimentLabel.Negative]);
        Assert.Equal(1.0, measure.Recall[SentimentLabel.Neutral]);
    }

    [Fact]
    public void Figures_within_every_threshold_are_ok()
    {
        var verdict = DriftAssessment.Judge(Measure(0.80, 0.80, 0.80), Measure(0.82, 0.84, 0.80), psi: 0.05, Thresholds);

        Assert.Equal(DriftAssessment.Ok, verdict.Status);
        Assert.Empty(verdict.Reasons);
    }

    [Fact]
    public void A_moderate_distribution_shift_warns_and_a_large_one_alerts()
    {
        Assert.Equal(DriftAssessment.Warn, DriftAssessment.Judge(Measure(0.8, 0.8, 0.8), null, psi: 0.1, Thresholds).Status);
        var alert = DriftAssessment.Judge(Measure(0.8, 0.8, 0.8), null, psi: 0.25, Thresholds);
        Assert.Equal(DriftAssessment.Alert, alert.Status);
        Assert.Contains("PSI 0.250", Assert.Single(alert.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void An_accuracy_drop_of_the_threshold_alerts_and_names_the_class_whose_recall_fell()
    {
        // Baseline: recalls 0.9, 0.9, 0.9 (accuracy 0.9). Now: 0.9, 0.6, 0.9 (accuracy 0.8): 10 points down, negative 30.
        var verdict = DriftAssessment.Judge(Measure(0.9, 0.6, 0.9), Measure(0.9, 0.9, 0.9), psi: null, Thresholds);

        Assert.Equal(DriftAssessment.Alert, verdict.Status);
        Assert.Equal(2, verdict.Reasons.Count);
        Assert.StartsWith("accuracy 0.800 is 10.0 points below the baseline 0.900", verdict.Reasons[0], StringComparison.Ordinal);
        Assert.StartsWith("negative recall 0.600 is 30.0 points below", verdict.Reasons[1], StringComparison.Ordinal);
    }

    /// <summary>A sample of 10 sentences per class with the given recalls (multiples of 0.1).</summary>
    private static LabelledAccuracy Measure(double positive, double negative, double neutral)
    {
        var pairs = new List<(SentimentLabel, SentimentLabel)>();
        foreach (var (label, recall) in new[]
            { (SentimentLabel.Positive, positive), (SentimentLabel.Negative, negative), (SentimentLabel.Neutral, neutral) })
        {
            var right = (int)Math.Round(recall * 10);
            pairs.AddRange(Enumerable.Range(0, 10).Select(i => (label, i < right ? label : SentimentLabel.Mixed)));
        }

        return LabelledAccuracy.Measure(pairs);
    }
}
