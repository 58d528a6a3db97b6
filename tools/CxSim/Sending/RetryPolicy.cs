namespace CxSim.Sending;

/// <summary>How the sender retries throttling (429), server errors (5xx), timeouts (408) and transport failures.</summary>
/// <param name="MaxAttempts">Requests per batch at most, the first included.</param>
/// <param name="BaseDelay">Delay before the first retry; doubles per retry.</param>
/// <param name="MaxDelay">Upper bound of one delay (a larger <c>Retry-After</c> is capped to it too).</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>Six attempts, from 0.5 s doubling to at most 15 s.</summary>
    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(15));

    /// <summary>Whether a status is worth retrying.</summary>
    public static bool IsTransient(int status) => status is 408 or 429 or >= 500;

    /// <summary>The delay before retry number <paramref name="retry"/> (1 = first retry), honouring a server's Retry-After.</summary>
    public TimeSpan DelayBefore(int retry, TimeSpan? retryAfter)
    {
        var backoff = BaseDelay * Math.Pow(2, Math.Max(0, retry - 1));
        var wanted = retryAfter is { } ra && ra > backoff ? ra : backoff;
        return wanted > MaxDelay ? MaxDelay : wanted;
    }
}
