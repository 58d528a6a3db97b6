namespace CxSim.Detection.Quality;

/// <summary>
/// The exact (Garwood) 95 % interval of a rate of rare events (false alerts per steady day): the count is taken as
/// Poisson and its limits are the means at which seeing at least (lower) or at most (upper) that count has probability
/// 2.5 %, found by bisection; both are then divided by the exposure.
/// </summary>
/// <param name="Count">Events counted.</param>
/// <param name="Exposure">Over how much exposure (days).</param>
/// <param name="Low">Lower bound of the rate.</param>
/// <param name="High">Upper bound of the rate.</param>
public sealed record RateInterval(int Count, double Exposure, double Low, double High)
{
    /// <summary>The observed rate.</summary>
    public double Rate => Count / Exposure;

    /// <summary>The interval of <paramref name="count"/> events over <paramref name="exposure"/> (two-sided, 1 − alpha).</summary>
    public static RateInterval Of(int count, double exposure, double alpha = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exposure);
        var tail = alpha / 2;
        var low = count == 0 ? 0 : Solve(mean => 1 - Cdf(count - 1, mean), tail);
        var high = Solve(mean => Cdf(count, mean), tail);
        return new RateInterval(count, exposure, low / exposure, high / exposure);
    }

    // P(X ≤ k) for X ~ Poisson(mean), summed in log space so large means do not underflow the first term.
    private static double Cdf(int k, double mean)
    {
        if (mean == 0)
        {
            return 1;
        }

        var sum = 0.0;
        var logTerm = -mean;
        for (var i = 0; i <= k; i++)
        {
            if (i > 0)
            {
                logTerm += Math.Log(mean / i);
            }

            sum += Math.Exp(logTerm);
        }

        return Math.Min(1, sum);
    }

    // The mean where a probability that is monotone in the mean equals target (increasing for the lower limit,
    // decreasing for the upper one), by bisection over [0, 1000].
    private static double Solve(Func<double, double> probability, double target)
    {
        double a = 0, b = 1000;
        var increasing = probability(b) > probability(a);
        for (var i = 0; i < 200; i++)
        {
            var m = (a + b) / 2;
            if (probability(m) < target == increasing)
            {
                a = m;
            }
            else
            {
                b = m;
            }
        }

        return (a + b) / 2;
    }
}
