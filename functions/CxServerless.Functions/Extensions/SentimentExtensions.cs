using Azure.Core;
using Azure.Identity;
using CxServerless.Functions.Configuration;
using CxServerless.Functions.Ingestion;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Sentiment;
using CxServerless.Functions.Sentiment.Drift;
using CxServerless.Functions.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Extensions;

/// <summary>
/// Registers the sentiment scorer chain (Azure AI Language, then the local lexicon scorer), <c>POST /api/sentiment</c>, and
/// the pipeline that scores stored events off the ingestion path (<c>SentimentEnqueuer</c>, <c>ScoreSentiment</c>), and the
/// daily drift check (<c>SentimentDriftCheck</c>, <c>GET /api/ops/sentiment-drift</c>).
/// </summary>
public static class SentimentExtensions
{
    /// <summary>
    /// Adds the settings (<c>CxLanguageEndpoint</c>, <c>CxLanguageKey</c>, section <c>Sentiment</c>; validated at start-up),
    /// the Language client as a typed <see cref="HttpClient"/> behind the standard resilience pipeline (retries with
    /// exponential backoff and jitter that honour <c>Retry-After</c>, a timeout per attempt and in total, a circuit
    /// breaker), the chain and the HTTP function.
    /// </summary>
    public static IServiceCollection AddSentiment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SentimentOptions>()
            .Bind(configuration.GetSection(HandlerSettings.Sentiment))
            .Configure(o =>
            {
                o.Endpoint = configuration[HandlerSettings.LanguageEndpoint];
                o.Key = configuration[HandlerSettings.LanguageKey];
                o.Queue = configuration[HandlerSettings.SentimentQueue] ?? o.Queue;
                o.ScoresTable = configuration[HandlerSettings.SentimentScoresTable] ?? o.ScoresTable;
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SentimentOptions>, SentimentOptionsValidator>());

        // The app's own identity: the managed identity in Azure (the Language account has key authentication off).
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddHttpClient<LanguageClient>().AddStandardResilienceHandler().Configure(Resilience);
        services.AddSingleton<Func<LanguageClient>>(sp => sp.GetRequiredService<LanguageClient>);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LanguageCallBudget>();
        services.AddSingleton<SentimentChain>();
        services.AddSingleton<IFunctionHandler, SentimentFunction>();

        // The pipeline: ingestion's stored events onto the queue, ScoreSentiment off it into SentimentScores and the buckets.
        services.AddSingleton(sp => new SentimentEnqueuer(
            sp.GetRequiredService<StorageAccount>().Queues.GetQueueClient(Settings(sp).Queue)));
        services.AddSingleton<IStoredEventSink>(sp => sp.GetRequiredService<SentimentEnqueuer>());
        services.AddSingleton(sp => new SentimentScoreStore(
            sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(Settings(sp).ScoresTable)));
        services.AddSingleton<SentimentBucketWriter>();
        services.AddSingleton<SentimentScoring>();
        services.AddSingleton<IFunctionHandler, ScoreSentimentFunction>();

        // The daily drift check over the live chain and the stored scores, and its history API.
        services.AddOptions<SentimentDriftOptions>()
            .Bind(configuration.GetSection(HandlerSettings.SentimentDrift))
            .Configure(o => o.Table = configuration[HandlerSettings.SentimentDriftTable] ?? o.Table)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SentimentDriftOptions>, SentimentDriftOptionsValidator>());
        services.AddSingleton(sp => new SentimentDriftStore(sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(
            sp.GetRequiredService<IOptions<SentimentDriftOptions>>().Value.Table)));
        services.AddSingleton<SentimentDriftChecker>();
        services.AddSingleton<IFunctionHandler, SentimentDriftCheckFunction>();
        services.AddSingleton<IFunctionHandler, OpsSentimentDriftFunction>();
        return services;
    }

    private static SentimentOptions Settings(IServiceProvider sp) => sp.GetRequiredService<IOptions<SentimentOptions>>().Value;

    private static void Resilience(HttpStandardResilienceOptions resilience, IServiceProvider sp)
    {
        var settings = sp.GetRequiredService<IOptions<SentimentOptions>>().Value;
        resilience.Retry.MaxRetryAttempts = settings.MaxRetryAttempts;
        resilience.Retry.BackoffType = Polly.DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.Delay = settings.RetryDelay;
        resilience.Retry.ShouldRetryAfterHeader = true;
        resilience.AttemptTimeout.Timeout = settings.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = settings.TotalTimeout;
        resilience.CircuitBreaker.FailureRatio = settings.FailureRatio;
        resilience.CircuitBreaker.MinimumThroughput = settings.MinimumThroughput;
        resilience.CircuitBreaker.SamplingDuration = settings.SamplingDuration;
        resilience.CircuitBreaker.BreakDuration = settings.BreakDuration;
    }
}
