namespace CxServerless.Domain.Analytics.Detection;

/// <summary>An exponentially weighted mean and variance, how many values it has seen and since when.</summary>
/// <param name="Mean">The weighted mean.</param>
/// <param name="Variance">The weighted variance.</param>
/// <param name="Count">How many values were folded in.</param>
public readonly record struct EwmaCell(double Mean, double Variance, long Count)
{
    /// <summary>The end of the first window folded in, when the cell was updated with times.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The cell after folding in <paramref name="value"/> with smoothing <paramref name="alpha"/> (West, 1979).</summary>
    public EwmaCell Update(double value, double alpha) => Update(value, alpha, null);

    /// <summary>
    /// As <see cref="Update(double, double, double?)"/>, for the window ending at <paramref name="at"/> (kept in
    /// <see cref="Since"/> for the first).
    /// </summary>
    public EwmaCell Update(double value, double alpha, double? deviation, DateTimeOffset at) =>
        Update(value, alpha, deviation) with { Since = Since ?? at };

    /// <summary>
    /// The cell after folding in <paramref name="value"/>, learning the variance from <paramref name="deviation"/>
    /// (the value's distance from the mean it was judged against) instead of from its distance to the current mean.
    /// </summary>
    public EwmaCell Update(double value, double alpha, double? deviation)
    {
        if (Count == 0)
        {
            return new EwmaCell(value, 0, 1);
        }

        // Until it has seen 1/α values the cell is their plain mean and variance, so a young cell is not dominated
        // by its first value (an EWMA started at the first value with no spread underestimates the spread).
        var weight = Math.Max(alpha, 1.0 / (Count + 1));
        var difference = value - Mean;
        var spread = deviation ?? difference;
        return new EwmaCell(Mean + (weight * difference), (1 - weight) * (Variance + (weight * spread * spread)), Count + 1);
    }
}
