using Azure.Core;
using Azure.Identity;
using CxServerless.Functions.Configuration;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Notifications;
using CxServerless.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Extensions;

/// <summary>Registers the notification channels (Teams, e-mail, webhook) and the delivery summary API.</summary>
public static class NotificationExtensions
{
    /// <summary>
    /// Adds the channels the escalation workflow's <c>DeliverNotification</c> activity uses, as typed <see cref="HttpClient"/>s
    /// behind one resilience pipeline each (retries with exponential backoff and jitter that honour <c>Retry-After</c>,
    /// a timeout per attempt and in total, and a circuit breaker), their settings (section <c>Notifications</c>, validated
    /// at start-up) and <c>GET /api/ops/notifications</c>.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(HandlerSettings.Notifications))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());

        // The app's own identity: the managed identity in Azure, a developer's sign-in locally. Only the e-mail channel uses it.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());

        services.AddHttpClient<TeamsChannel>().AddStandardResilienceHandler().Configure(Resilience);
        services.AddHttpClient<EmailChannel>().AddStandardResilienceHandler().Configure(Resilience);
        services.AddHttpClient<WebhookChannel>().AddStandardResilienceHandler().Configure(Resilience);

        // Transient, like the typed clients they wrap: the activity that uses them is created per execution.
        services.AddTransient<INotificationChannel>(sp => sp.GetRequiredService<TeamsChannel>());
        services.AddTransient<INotificationChannel>(sp => sp.GetRequiredService<EmailChannel>());
        services.AddTransient<INotificationChannel>(sp => sp.GetRequiredService<WebhookChannel>());
        services.AddSingleton<IFunctionHandler, OpsNotificationsFunction>();
        return services;
    }

    private static void Resilience(HttpStandardResilienceOptions resilience, IServiceProvider sp)
    {
        var settings = sp.GetRequiredService<IOptions<NotificationOptions>>().Value;
        resilience.Retry.MaxRetryAttempts = 3;
        resilience.Retry.BackoffType = Polly.DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.Delay = settings.RetryDelay;
        resilience.Retry.ShouldRetryAfterHeader = true;
        resilience.AttemptTimeout.Timeout = settings.AttemptTimeout;

        // Four attempts with their backoff must fit in the total; the breaker samples at least twice an attempt.
        resilience.TotalRequestTimeout.Timeout = settings.AttemptTimeout * 4 + settings.RetryDelay * 15 + TimeSpan.FromSeconds(30);
        resilience.CircuitBreaker.SamplingDuration = settings.AttemptTimeout * 2 > TimeSpan.FromSeconds(60)
            ? settings.AttemptTimeout * 2
            : TimeSpan.FromSeconds(60);
        resilience.CircuitBreaker.MinimumThroughput = 10;
        resilience.CircuitBreaker.FailureRatio = 0.5;
        resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
    }
}
