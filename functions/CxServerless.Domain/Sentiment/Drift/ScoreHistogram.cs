using System.Globalization;

namespace CxServerless.Domain.Sentiment.Drift;

/// <summary>
/// Counts of sentiment scores in ten equal bins over −1..+1: [−1, −0.8), [−0.8, −0.6), …, [0.8, 1] (the last bin
/// closed, so +1 counts). A score outside −1..+1 is clamped into the end bins.
/// </summary>
/// <param name="Counts">The count of each bin, from the most negative.</param>
public sealed record ScoreHistogram(IReadOnlyList<long> Counts)
{
    /// <summary>The number of bins.</summary>
    public const int Bins = 10;

    private static readonly double[] InnerEdges = [-0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8];

    /// <summary>Gets an empty histogram.</summary>
    public static ScoreHistogram Empty { get; } = new(new long[Bins]);

    /// <summary>Gets the count of every bin together.</summary>
    public long Total => Counts.Sum();

    /// <summary>The bin a score falls into (0 for −1, 9 for +1).</summary>
    /// <param name="score">A score from −1 to +1.</param>
    /// <returns>The bin index.</returns>
    public static int BinOf(double score)
    {
        if (double.IsNaN(score))
        {
            throw new ArgumentOutOfRangeException(nameof(score), "A score is a number.");
        }

        // Compared with the edges as written, not computed as (score + 1) * 5: −0.8 + 1 is 0.19999999999999996 in doubles.
        var bin = 0;
        while (bin < InnerEdges.Length && score >= InnerEdges[bin])
        {
            bin++;
        }

        return bin;
    }

    /// <summary>Counts scores.</summary>
    /// <param name="scores">The scores.</param>
    /// <returns>The histogram.</returns>
    public static ScoreHistogram Of(IEnumerable<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var counts = new long[Bins];
        foreach (var score in scores)
        {
            counts[BinOf(score)]++;
        }

        return new ScoreHistogram(counts);
    }

    /// <summary>Adds the counts of several histograms bin by bin.</summary>
    /// <param name="histograms">The histograms.</param>
    /// <returns>The sum.</returns>
    public static ScoreHistogram Sum(IEnumerable<ScoreHistogram> histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        var counts = new long[Bins];
        foreach (var histogram in histograms)
        {
            for (var i = 0; i < Bins; i++)
            {
                counts[i] += histogram.Counts[i];
            }
        }

        return new ScoreHistogram(counts);
    }

    /// <summary>The counts as stored: ten whole numbers separated by commas.</summary>
    /// <returns>The text.</returns>
    public string Format() => string.Join(',', Counts.Select(c => c.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Reads <see cref="Format"/>'s text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The histogram.</returns>
    /// <exception cref="FormatException">The text is not ten counts.</exception>
    public static ScoreHistogram Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',');
        if (parts.Length != Bins)
        {
            throw new FormatException($"A score histogram has {Bins} counts, not {parts.Length}.");
        }

        return new ScoreHistogram(parts.Select(p => long.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray());
    }
}
