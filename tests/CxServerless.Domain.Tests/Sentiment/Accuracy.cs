using CxServerless.Domain.Sentiment;

namespace CxServerless.Domain.Tests.Sentiment;

/// <summary>
/// Positive-versus-negative accuracy of the local scorer on labelled sentences, strictly: a sentence the scorer calls
/// neutral (compound within ±0.05) counts as wrong. The 95 % interval is Wilson's score interval.
/// </summary>
internal sealed record Accuracy(int Sentences, int Correct, int Neutral, int CorrectWhenDecided)
{
    public double Value => (double)Correct / Sentences;

    public double DecidedShare => (double)(Sentences - Neutral) / Sentences;

    public double ValueWhenDecided => Sentences == Neutral ? 0 : (double)CorrectWhenDecided / (Sentences - Neutral);

    public (double Low, double High) Wilson95()
    {
        const double z = 1.959964;
        double n = Sentences, p = Value;
        var centre = (p + (z * z / (2 * n))) / (1 + (z * z / n));
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4 * n * n))) / (1 + (z * z / n));
        return (centre - half, centre + half);
    }

    public static Accuracy Measure(LexiconSentimentScorer scorer, IEnumerable<LabelledSentence> sentences, List<string>? misses = null)
    {
        int n = 0, correct = 0, neutral = 0;
        foreach (var sentence in sentences)
        {
            n++;
            var score = scorer.Score(sentence.Text).Score;
            var decided = Math.Abs(score) >= 0.05;
            var right = decided && (score > 0) == sentence.Positive;
            correct += right ? 1 : 0;
            neutral += decided ? 0 : 1;
            if (!right)
            {
                misses?.Add($"{(sentence.Positive ? "POS" : "NEG")}\t{score:0.000}\t{sentence.Text}");
            }
        }

        return new Accuracy(n, correct, neutral, correct);
    }

    public override string ToString()
    {
        var (low, high) = Wilson95();
        return $"{Value:0.000} (95 % CI {low:0.000}-{high:0.000}) on {Sentences} sentences; {Neutral} called neutral; "
            + $"{ValueWhenDecided:0.000} of the {Sentences - Neutral} decided";
    }
}
