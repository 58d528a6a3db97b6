using CxServerless.Functions.Configuration;
using CxServerless.Functions.Feedback;
using CxServerless.Functions.Ingestion;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Storage;
using CxServerless.Workflows.Feedback;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Extensions;

/// <summary>
/// Registers the closed feedback loop: its settings and rules (validated at start-up), the ingestion sink that queues
/// feedback candidates, the FeedbackLoops and FeedbackReport tables, the queue-triggered starter and the feedback KPIs API
/// (docs/feedback.md).
/// </summary>
public static class FeedbackExtensions
{
    /// <summary>Adds the feedback services and functions.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedbackOptions>()
            .Bind(configuration.GetSection(HandlerSettings.Feedback))
            .Configure(o =>
            {
                o.Queue = configuration[HandlerSettings.FeedbackQueue] ?? o.Queue;
                o.LoopsTable = configuration[HandlerSettings.FeedbackLoopsTable] ?? o.LoopsTable;
                o.ReportTable = configuration[HandlerSettings.FeedbackReportTable] ?? o.ReportTable;
                o.RulesFile = configuration[HandlerSettings.FeedbackRulesFile] ?? o.RulesFile;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
            FeedbackRulesLoader.Load(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IOptions<FeedbackOptions>>().Value));
        services.AddSingleton(sp => new FeedbackLoopStore(
            sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(Options(sp).LoopsTable)));
        services.AddSingleton(sp => new FeedbackReportStore(
            sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(Options(sp).ReportTable)));
        services.AddSingleton<IStoredEventSink>(sp => new FeedbackSink(
            sp.GetRequiredService<StorageAccount>().Queues.GetQueueClient(Options(sp).Queue)));
        services.AddSingleton<FeedbackErasure>();
        services.AddSingleton<IFunctionHandler, StartFeedbackFunction>();
        services.AddSingleton<IFunctionHandler, FeedbackKpisFunction>();
        return services;
    }

    private static FeedbackOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<FeedbackOptions>>().Value;
}
