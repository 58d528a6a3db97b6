using System.Globalization;
using System.Text.Json.Nodes;

namespace CxHost.Configuration;

/// <summary>
/// A function.json <c>retry</c> policy: <c>fixedDelay</c> (delayInterval) or <c>exponentialBackoff</c>
/// (minimumInterval, maximumInterval); <c>maxRetryCount</c> -1 retries forever.
/// </summary>
/// <param name="Exponential">True for exponentialBackoff.</param>
/// <param name="MaxRetryCount">Retries after the first attempt; -1 for no limit.</param>
/// <param name="Delay">fixedDelay's interval, or exponentialBackoff's minimum.</param>
/// <param name="MaximumInterval">exponentialBackoff's cap.</param>
public sealed record RetryPolicy(bool Exponential, int MaxRetryCount, TimeSpan Delay, TimeSpan MaximumInterval)
{
    /// <summary>True when a failed attempt number <paramref name="retriesSoFar"/> + 1 may be retried.</summary>
    public bool ShouldRetry(int retriesSoFar) => MaxRetryCount < 0 || retriesSoFar < MaxRetryCount;

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1-based): the fixed delay, or the minimum doubled per retry
    /// and capped at the maximum.
    /// </summary>
    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        if (!Exponential)
        {
            return Delay;
        }

        var exponent = Math.Min(retry - 1, 30);
        var ticks = Delay.Ticks * Math.Pow(2, exponent);
        return ticks >= MaximumInterval.Ticks ? MaximumInterval : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Parses a function.json <c>retry</c> object; null when absent.</summary>
    /// <exception cref="InvalidOperationException">The policy is incomplete or inconsistent.</exception>
    public static RetryPolicy? Parse(JsonObject? retry, string function)
    {
        if (retry is null)
        {
            return null;
        }

        var strategy = retry["strategy"]?.ToString();
        var count = retry["maxRetryCount"] is { } c
            ? int.Parse(c.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"{function}/function.json retry has no maxRetryCount.");
        if (count < -1)
        {
            throw new InvalidOperationException($"{function}/function.json retry maxRetryCount must be -1 or more.");
        }

        return strategy?.ToUpperInvariant() switch
        {
            "FIXEDDELAY" => new RetryPolicy(false, count, Interval(retry, "delayInterval", function), TimeSpan.Zero),
            "EXPONENTIALBACKOFF" => Exponent(retry, count, function),
            _ => throw new InvalidOperationException(
                $"{function}/function.json retry strategy '{strategy}' is not fixedDelay or exponentialBackoff."),
        };
    }

    private static RetryPolicy Exponent(JsonObject retry, int count, string function)
    {
        var min = Interval(retry, "minimumInterval", function);
        var max = Interval(retry, "maximumInterval", function);
        return max < min
            ? throw new InvalidOperationException($"{function}/function.json retry maximumInterval is below minimumInterval.")
            : new RetryPolicy(true, count, min, max);
    }

    private static TimeSpan Interval(JsonObject retry, string name, string function) =>
        retry[name] is { } node && TimeSpan.TryParse(node.ToString(), CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero
            ? value
            : throw new InvalidOperationException($"{function}/function.json retry needs '{name}' as hh:mm:ss.");
}
