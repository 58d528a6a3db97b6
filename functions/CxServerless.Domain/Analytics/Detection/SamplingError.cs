namespace CxServerless.Domain.Analytics.Detection;

/// <summary>
/// The sampling error of a window's figure: how far it moves by chance over the window's n observations.
/// <list type="bullet">
/// <item>A percentage KPI (a share of the window's contacts): <c>√(p·(100 − p) / n)</c> points for a true share of p %
/// (the binomial standard error), p being the limit or baseline the figure is compared with.</item>
/// <item>A mean KPI (handle time, CSAT): <c>s / √n</c>, s being the standard deviation of the window's own observations
/// (<see cref="WindowPoint.Spread"/>).</item>
/// </list>
/// A detector with <c>breachZ</c> (static, spike) or <c>noiseZ</c> (EWMA) asks a breach to lie that many standard errors
/// past its limit, so chance on a small slice does not breach while a large slice breaches close to the limit. Rules
/// allow them on percentage and mean KPIs only; counts and gauges have no sampling error here.
/// </summary>
public static class SamplingError
{
    /// <summary>
    /// The standard error of <paramref name="point"/>'s figure: from its <see cref="WindowPoint.Spread"/> when it has
    /// one (a mean KPI), else that of a share of <paramref name="reference"/> % (a percentage KPI); 0 without samples.
    /// </summary>
    public static double StandardError(WindowPoint point, double reference)
    {
        var n = point.SampleCount;
        if (n <= 0)
        {
            return 0;
        }

        if (point.Spread is { } spread)
        {
            return Math.Max(0, spread) / Math.Sqrt(n);
        }

        var p = Math.Clamp(reference, 0, 100);
        return Math.Sqrt(p * (100 - p) / n);
    }

    /// <summary>
    /// <paramref name="z"/> standard errors of <paramref name="point"/>'s figure (see <see cref="StandardError"/>); 0 without z.
    /// </summary>
    public static double Margin(double? z, WindowPoint point, double reference) =>
        z is { } k ? k * StandardError(point, reference) : 0;
}
