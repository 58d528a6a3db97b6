namespace CxServerless.Benchmarks.Live;

/// <summary>Percentiles by linear interpolation between closest ranks (as the other harnesses print them).</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="p"/>-th quantile (0..1) of <paramref name="values"/>, or NaN when there are none.</summary>
    public static double Of(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
