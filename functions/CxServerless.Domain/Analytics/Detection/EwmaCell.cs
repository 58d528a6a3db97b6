namespace CxServerless.Domain.Analytics.Detection;

/// <summary>An exponentially weighted mean and variance, and how many values it has seen.</summary>
/// <param name="Mean">The weighted mean.</param>
/// <param name="Variance">The weighted variance.</param>
/// <param name="Count">How many values were folded in.</param>
public readonly record struct EwmaCell(double Mean, double Variance, long Count)
{
    /// <summary>The cell after folding in <paramref name="value"/> with smoothing <paramref name="alpha"/> (West, 1979).</summary>
    public EwmaCell Update(double value, double alpha)
    {
        if (Count == 0)
        {
            return new EwmaCell(value, 0, 1);
        }

        var difference = value - Mean;
        var increment = alpha * difference;
        return new EwmaCell(Mean + increment, (1 - alpha) * (Variance + (difference * increment)), Count + 1);
    }
}
