namespace CxServerless.Durable.Orchestration;

/// <summary>
/// How an activity or sub-orchestration is retried when it fails: up to <see cref="MaxAttempts"/> attempts in all, with
/// a durable timer between attempts that starts at <see cref="FirstRetryInterval"/> and grows by
/// <see cref="BackoffCoefficient"/> up to <see cref="MaxRetryInterval"/>.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>Creates retry options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public RetryOptions(int maxAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 2.0, TimeSpan? maxRetryInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxAttempts = maxAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromDays(1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryInterval, firstRetryInterval, nameof(maxRetryInterval));
    }

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; }

    /// <summary>The wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>The factor the wait grows by after each failed retry.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>The wait after failed attempt number <paramref name="failedAttempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int failedAttempt)
    {
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, Math.Max(0, failedAttempt - 1));
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
