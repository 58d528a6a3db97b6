using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Sentiment;

/// <summary>
/// The cost guard: at most <see cref="SentimentOptions.MaxLanguageCallsPerMinute"/> Language requests per UTC minute
/// from this handler instance. Above it the chain answers with the local scorer (<c>fallback: cost-guard</c>) until the
/// next minute. A request counts once, whatever its retries; each instance keeps its own count, so N instances may
/// together send up to N times the cap.
/// </summary>
/// <param name="options">The sentiment settings.</param>
/// <param name="time">The clock.</param>
public sealed class LanguageCallBudget(IOptions<SentimentOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private long _minute = long.MinValue;
    private int _used;

    /// <summary>Takes one request from this minute's budget.</summary>
    /// <returns>False when this minute's budget is spent.</returns>
    public bool TryTake()
    {
        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        lock (_gate)
        {
            if (minute != _minute)
            {
                _minute = minute;
                _used = 0;
            }

            if (_used >= options.Value.MaxLanguageCallsPerMinute)
            {
                return false;
            }

            _used++;
            return true;
        }
    }
}
