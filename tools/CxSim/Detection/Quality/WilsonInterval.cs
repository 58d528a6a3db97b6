namespace CxSim.Detection.Quality;

/// <summary>
/// The Wilson score interval of a binomial proportion (Wilson 1927): the interval the detection-quality report gives
/// for precision and recall. Unlike the normal approximation it stays inside [0, 1] and is usable at 0 or n successes.
/// </summary>
/// <param name="Successes">Successes (detected incidents, true alerts).</param>
/// <param name="Trials">Trials (incidents, alerts).</param>
/// <param name="Low">The lower bound.</param>
/// <param name="High">The upper bound.</param>
public sealed record WilsonInterval(int Successes, int Trials, double Low, double High)
{
    /// <summary>z of a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The observed proportion (NaN without trials).</summary>
    public double Proportion => Trials == 0 ? double.NaN : (double)Successes / Trials;

    /// <summary>The interval of <paramref name="successes"/> out of <paramref name="trials"/> at <paramref name="z"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative counts, more successes than trials, or z not positive.</exception>
    public static WilsonInterval Of(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(z);
        if (trials == 0)
        {
            return new WilsonInterval(0, 0, 0, 1);
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return new WilsonInterval(successes, trials, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
