using CxServerless.Functions.Configuration;
using CxServerless.Functions.Ingestion;
using CxServerless.Functions.Interventions;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Sentiment;
using CxServerless.Functions.Storage;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Extensions;

/// <summary>
/// Registers proactive interventions (docs/interventions.md): settings and rules (validated at start-up), the Interventions
/// table, the ingestion sink and the sentiment observer that feed the rules, the recorder that decides under the caps,
/// the <c>CheckInterventions</c> timer and <c>GET /api/interventions</c>. Call before <c>AddSentiment</c>, so the sink
/// records a chat message before the sentiment enqueuer queues it.
/// </summary>
public static class InterventionExtensions
{
    /// <summary>Adds the intervention services and functions.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddInterventions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InterventionOptions>()
            .Configure(o =>
            {
                o.Table = configuration[HandlerSettings.InterventionsTable] ?? o.Table;
                o.OutboundQueue = configuration[HandlerSettings.InterventionsOutboundQueue] ?? o.OutboundQueue;
                o.RulesFile = configuration[HandlerSettings.InterventionRulesFile] ?? o.RulesFile;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
            InterventionRulesLoader.Load(sp.GetRequiredService<IConfiguration>(), Options(sp)));
        services.AddSingleton(sp => new InterventionStore(
            sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(Options(sp).Table)));
        services.AddSingleton(sp => new InterventionRecorder(
            sp.GetRequiredService<InterventionStore>(),
            sp.GetRequiredService<StorageAccount>().Queues.GetQueueClient(Options(sp).OutboundQueue),
            sp.GetRequiredService<NotificationStore>(),
            sp.GetRequiredService<IRosterSource>(),
            sp.GetRequiredService<Domain.Interventions.InterventionRules>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IStoredEventSink, InterventionSink>();
        services.AddSingleton<IScoredEventObserver, InterventionSentimentObserver>();
        services.AddSingleton<InterventionErasure>();
        services.AddSingleton<IFunctionHandler, CheckInterventionsFunction>();
        services.AddSingleton<IFunctionHandler, InterventionsFunction>();
        return services;
    }

    private static InterventionOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<InterventionOptions>>().Value;
}
