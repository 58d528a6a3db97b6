namespace CxServerless.Domain.Sentiment.Drift;

/// <summary>
/// The population stability index of a score distribution against a reference:
/// PSI = Σ over bins (aᵢ − eᵢ) · ln(aᵢ / eᵢ), with aᵢ and eᵢ the shares of the actual and expected counts in bin i.
/// </summary>
/// <remarks>
/// An empty bin would make the logarithm infinite, so a share of zero counts as <see cref="Epsilon"/> (0.0001), the
/// usual practice. The conventional reading: below 0.1 no significant change, 0.1 to 0.25 a moderate shift worth a
/// look, above 0.25 a significant shift.
/// </remarks>
public static class PopulationStability
{
    /// <summary>The share an empty bin counts as.</summary>
    public const double Epsilon = 0.0001;

    /// <summary>Computes the index; null when either histogram is empty (nothing to compare).</summary>
    /// <param name="expected">The reference distribution (the trailing days).</param>
    /// <param name="actual">The distribution under test (the last day).</param>
    /// <returns>The index (0 for identical shares), or null.</returns>
    public static double? Index(ScoreHistogram expected, ScoreHistogram actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        double expectedTotal = expected.Total;
        double actualTotal = actual.Total;
        if (expectedTotal == 0 || actualTotal == 0)
        {
            return null;
        }

        var psi = 0.0;
        for (var i = 0; i < ScoreHistogram.Bins; i++)
        {
            var e = Math.Max(expected.Counts[i] / expectedTotal, Epsilon);
            var a = Math.Max(actual.Counts[i] / actualTotal, Epsilon);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }
}
