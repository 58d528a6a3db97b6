namespace CxServerless.Domain.Analytics.Detection;

/// <summary>
/// The sampling error of a percentage KPI, a share of a window's contacts: <c>√(p·(100 − p) / n)</c> points for a true
/// share of p % over n contacts (the binomial standard error). A detector with <c>breachZ</c> asks a breach to lie that
/// many standard errors past its limit, so binomial noise on a small slice does not breach while a large slice breaches
/// close to the limit.
/// </summary>
public static class ShareSamplingError
{
    /// <summary>
    /// <paramref name="z"/> standard errors of a share of <paramref name="percent"/> % over <paramref name="samples"/> contacts;
    /// 0 without <paramref name="z"/> or contacts.
    /// </summary>
    public static double Margin(double? z, double percent, long samples)
    {
        if (z is not { } k || samples <= 0)
        {
            return 0;
        }

        var p = Math.Clamp(percent, 0, 100);
        return k * Math.Sqrt(p * (100 - p) / samples);
    }
}
