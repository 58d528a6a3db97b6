using System.Globalization;

namespace CxServerless.Domain.Sentiment;

/// <summary>
/// Splits a text that is over a scorer's character limit into parts within it, and combines the parts' scores into
/// one. Masking can lengthen a text (<c>a@b.io</c> becomes <c>[email]</c>), and transcripts can be long, so a document
/// the app accepts may still be over Azure AI Language's limit once it is ready to send.
/// </summary>
public static class SentimentChunks
{
    /// <summary>Splits <paramref name="text"/> into parts of at most <paramref name="maxCharacters"/> text elements, cutting
    /// after a sentence end or at a space where it can, and between text elements otherwise.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxCharacters">The most text elements in one part.</param>
    /// <returns>The parts, in order; one part when the text is within the limit.</returns>
    public static IReadOnlyList<string> Split(string text, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 16);
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        var parts = new List<string>();
        var start = 0;
        while (elements.Count - start > maxCharacters)
        {
            var cut = BestCut(elements, start, start + maxCharacters);
            parts.Add(string.Concat(elements.GetRange(start, cut - start)));
            start = cut;
        }

        parts.Add(string.Concat(elements.GetRange(start, elements.Count - start)));
        return parts;
    }

    /// <summary>Combines the scores of a text's parts: shares and score weighted by part length; mixed when parts
    /// disagree in direction, else the parts' common direction.</summary>
    /// <param name="parts">Each part's score and length in text elements; at least one.</param>
    /// <returns>The text's score, with the first part's scorer and model version.</returns>
    public static SentimentScore Combine(IReadOnlyList<(SentimentScore Score, int Length)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        if (parts.Count == 1)
        {
            return parts[0].Score;
        }

        double total = Math.Max(1, parts.Sum(p => p.Length));
        double Weighted(Func<SentimentScore, double> value) => Math.Round(parts.Sum(p => value(p.Score) * p.Length) / total, 4);
        var labels = parts.Select(p => p.Score.Label).ToHashSet();
        var score = Weighted(s => s.Score);
        var label = labels.Contains(SentimentLabel.Mixed)
            || (labels.Contains(SentimentLabel.Positive) && labels.Contains(SentimentLabel.Negative)) ? SentimentLabel.Mixed
            : labels.Contains(SentimentLabel.Positive) ? SentimentLabel.Positive
            : labels.Contains(SentimentLabel.Negative) ? SentimentLabel.Negative
            : SentimentLabel.Neutral;
        var confidence = new SentimentConfidence(
            Weighted(s => s.Confidence.Positive), Weighted(s => s.Confidence.Neutral), Weighted(s => s.Confidence.Negative));
        return parts[0].Score with { Label = label, Confidence = confidence, Score = score };
    }

    private static int BestCut(List<string> elements, int start, int limit)
    {
        // Prefer the last sentence end in the window, then the last space, then the hard limit.
        var space = -1;
        for (var i = limit - 1; i > start + 1; i--)
        {
            if (elements[i] is " " or "\n" or "\r" or "\t")
            {
                if (elements[i - 1] is "." or "!" or "?")
                {
                    return i + 1;
                }

                space = space < 0 ? i + 1 : space;
            }
        }

        return space > start ? space : limit;
    }
}
