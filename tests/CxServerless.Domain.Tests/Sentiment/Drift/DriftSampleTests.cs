using System.Text;
using CxServerless.Domain.Sentiment;
using CxServerless.Domain.Sentiment.Drift;

namespace CxServerless.Domain.Tests.Sentiment.Drift;

public sealed class DriftSampleTests
{
    [Fact]
    public void The_sample_holds_100_sentences_of_each_class_and_no_sentence_twice()
    {
        var sample = DriftSample.All;

        Assert.Equal(300, sample.Count);
        foreach (var label in new[] { SentimentLabel.Positive, SentimentLabel.Negative, SentimentLabel.Neutral })
        {
            Assert.Equal(100, sample.Count(s => s.Expected == label));
        }

        Assert.Equal(sample.Count, sample.Select(s => Normalise(s.Text)).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_sample_shares_no_sentence_with_the_accuracy_set()
    {
        // Every source of the accuracy set (development and held-out), compared letters and digits only, case-insensitive.
        var sentences = new[] { LabelledSentence.Development }.Concat(LabelledSentence.HeldOut)
            .SelectMany(LabelledSentence.Load)
            .ToList();
        Assert.Equal(3000, sentences.Count); // the three sources of 1,000 (docs/sentiment.md, "Accuracy")
        var accuracy = sentences.Select(s => Normalise(s.Text)).ToHashSet(StringComparer.Ordinal);

        var shared = DriftSample.All.Where(s => accuracy.Contains(Normalise(s.Text))).Select(s => s.Text).ToList();

        Assert.Empty(shared);
    }

    [Fact]
    public void A_line_that_is_not_label_tab_text_is_refused_with_its_number()
    {
        Assert.Equal(2, DriftSample.Parse("# comment\npositive\tGreat.\n\nneutral\tHello.\n").Count);
        var error = Assert.Throws<FormatException>(() => DriftSample.Parse("positive\tGreat.\nmixed\tGood and bad.\n"));
        Assert.Contains("Line 2", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => DriftSample.Parse("negative\t \n"));
    }

    private static string Normalise(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }
}
