namespace CxServerless.Functions.Sentiment;

/// <summary>
/// The sentiment scorer chain's settings: the Azure AI Language endpoint (<c>CxLanguageEndpoint</c>) and key
/// (<c>CxLanguageKey</c>, local only), and the section <c>Sentiment</c> (<c>Sentiment__AttemptTimeout</c>, ...) for the
/// resilience pipeline and batching. Validated at start-up; a wrong value stops the handler naming the setting.
/// </summary>
/// <remarks>
/// Without an endpoint the local lexicon scorer answers everything. With one, Language answers while its circuit breaker
/// is closed, and the local scorer answers a batch whose request failed after retries or while the breaker is open.
/// </remarks>
public sealed class SentimentOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sentiment";

    /// <summary>Gets or sets the Language endpoint (<c>https://{name}.cognitiveservices.azure.com/</c>); empty: local only.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Gets or sets the Language key (<c>Ocp-Apim-Subscription-Key</c>); empty: the app's Entra identity.</summary>
    public string? Key { get; set; }

    /// <summary>Gets or sets the queue of events to score (setting <c>CxSentimentQueue</c>; function.json reads it too).</summary>
    public string Queue { get; set; } = SentimentEnqueuer.DefaultQueueName;

    /// <summary>Gets or sets the table of stored scores (setting <c>CxSentimentScoresTable</c>).</summary>
    public string ScoresTable { get; set; } = SentimentScoreStore.DefaultTableName;

    /// <summary>Gets or sets the Language model version (<c>latest</c>, or a dated version to pin one).</summary>
    public string ModelVersion { get; set; } = "latest";

    /// <summary>Gets or sets the most documents in one Language request (1 to 10, Language's limit for sentiment).</summary>
    public int BatchSize { get; set; } = LanguageClient.MaxDocumentsPerRequest;

    /// <summary>
    /// Gets or sets the cost guard: the most Language requests per minute from one handler instance (each request holds up
    /// to <see cref="BatchSize"/> documents); above it the local scorer answers until the next minute.
    /// </summary>
    public int MaxLanguageCallsPerMinute { get; set; } = 300;

    /// <summary>Gets or sets the timeout of one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the first retry delay (exponential backoff with jitter; a <c>Retry-After</c> header wins).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the retries after a transient failure (429, 5xx, timeout).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Gets or sets the failure ratio over <see cref="SamplingDuration"/> that opens the breaker.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the fewest attempts in <see cref="SamplingDuration"/> before the breaker may open.</summary>
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>Gets or sets the window in which the breaker counts failures (at least twice <see cref="AttemptTimeout"/>).</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the breaker stays open before one trial request.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether a Language endpoint is configured.</summary>
    public bool LanguageConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>The longest one call may take with every retry: what the pipeline's total timeout allows.</summary>
    public TimeSpan TotalTimeout =>
        (AttemptTimeout * (MaxRetryAttempts + 1)) + (RetryDelay * Math.Pow(2, MaxRetryAttempts + 1)) + TimeSpan.FromSeconds(5);

    /// <summary>Returns every problem, naming the setting and never its value; empty when valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (LanguageConfigured
            && (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri)
                || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))))
        {
            problems.Add("Setting 'CxLanguageEndpoint' must be an absolute https URL (or empty for the local scorer only).");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(Queue, "^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$"))
        {
            problems.Add("Setting 'CxSentimentQueue' must be a queue name: 3-56 lower-case letters, digits and single hyphens.");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(ScoresTable, "^[A-Za-z][A-Za-z0-9]{2,62}$"))
        {
            problems.Add("Setting 'CxSentimentScoresTable' must be a valid table name.");
        }

        Check(problems, !string.IsNullOrWhiteSpace(ModelVersion) && ModelVersion.Length <= 32, nameof(ModelVersion),
            "must be latest or a model version");
        Check(problems, BatchSize is >= 1 and <= LanguageClient.MaxDocumentsPerRequest, nameof(BatchSize), "must be 1 to 10");
        Check(problems, MaxLanguageCallsPerMinute is >= 1 and <= 100_000, nameof(MaxLanguageCallsPerMinute), "must be 1 to 100000");
        Check(problems, AttemptTimeout >= TimeSpan.FromMilliseconds(100) && AttemptTimeout <= TimeSpan.FromMinutes(2),
            nameof(AttemptTimeout), "must be 0.1 s to 2 min");
        Check(problems, RetryDelay > TimeSpan.Zero && RetryDelay <= TimeSpan.FromSeconds(30), nameof(RetryDelay),
            "must be above 0 and at most 30 s");
        Check(problems, MaxRetryAttempts is >= 0 and <= 10, nameof(MaxRetryAttempts), "must be 0 to 10");
        Check(problems, FailureRatio is > 0 and <= 1, nameof(FailureRatio), "must be above 0 and at most 1");
        Check(problems, MinimumThroughput is >= 2 and <= 1000, nameof(MinimumThroughput), "must be 2 to 1000");
        Check(problems, SamplingDuration >= AttemptTimeout * 2 && SamplingDuration <= TimeSpan.FromHours(1), nameof(SamplingDuration),
            "must be at least twice AttemptTimeout and at most 1 h");
        Check(problems, BreakDuration >= TimeSpan.FromMilliseconds(500) && BreakDuration <= TimeSpan.FromHours(1), nameof(BreakDuration),
            "must be 0.5 s to 1 h");
        return problems;
    }

    private static void Check(List<string> problems, bool ok, string name, string rule)
    {
        if (!ok)
        {
            problems.Add($"Setting '{SectionName}__{name}' {rule}.");
        }
    }
}
