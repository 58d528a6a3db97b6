using CxServerless.Functions.Configuration;
using CxServerless.Functions.Escalation;
using CxServerless.Functions.Handover;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Storage;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Extensions;

/// <summary>
/// Registers what the escalation chain reports about itself: shift handovers (the Handovers table, the timer that writes
/// them and the API that reads them) and the escalation KPIs the dashboard shows.
/// </summary>
public static class EscalationReportingExtensions
{
    /// <summary>Adds the handover functions and the escalation KPIs API. Needs <c>AddAnalytics</c> (alerts, baselines) and
    /// <c>AddEscalation</c> (tasks, roster, notifications).</summary>
    public static IServiceCollection AddEscalationReporting(this IServiceCollection services)
    {
        services.AddOptions<HandoverOptions>()
            .Configure<IConfiguration>((o, configuration) =>
                o.HandoversTable = configuration[HandlerSettings.HandoversTable] ?? o.HandoversTable)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(sp => new HandoverStore(
            sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(
                sp.GetRequiredService<IOptions<HandoverOptions>>().Value.HandoversTable)));
        services.AddSingleton<HandoverSummarizer>();
        services.AddSingleton<IFunctionHandler, WriteHandoversFunction>();
        services.AddSingleton<IFunctionHandler, HandoverLatestFunction>();
        services.AddSingleton<IFunctionHandler, EscalationKpisFunction>();
        return services;
    }
}
