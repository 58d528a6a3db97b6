using System.Globalization;
using CxServerless.Functions.Alerts;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Configuration;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Kpis;
using CxServerless.Functions.Rules;
using CxServerless.Functions.Storage;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Extensions;

/// <summary>Registers the KPI writer and read side, the alert evaluator and the KPI and alert HTTP APIs.</summary>
public static class AnalyticsExtensions
{
    /// <summary>Adds the analytics services and functions; the rules are loaded and validated when the handler starts.</summary>
    public static IServiceCollection AddAnalytics(this IServiceCollection services)
    {
        services.AddOptions<AnalyticsOptions>()
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.MetricBucketsTable = configuration[HandlerSettings.MetricBucketsTable] ?? o.MetricBucketsTable;
                o.AlertsTable = configuration[HandlerSettings.AlertsTable] ?? o.AlertsTable;
                o.BaselinesTable = configuration[HandlerSettings.BaselinesTable] ?? o.BaselinesTable;
                o.RulesVersionsTable = configuration[HandlerSettings.RulesVersionsTable] ?? o.RulesVersionsTable;
                o.LateEventsTable = configuration[HandlerSettings.LateEventsTable] ?? o.LateEventsTable;
                o.FirstContactsTable = configuration[HandlerSettings.FirstContactsTable] ?? o.FirstContactsTable;
                o.AlertsQueue = configuration[HandlerSettings.AlertsQueue] ?? o.AlertsQueue;
                o.AlertWarmUp = Span(configuration[HandlerSettings.AlertWarmUp], o.AlertWarmUp);
                o.KpiLookback = Span(configuration[HandlerSettings.KpiLookback], o.KpiLookback);
                o.KpiRefresh = Span(configuration[HandlerSettings.KpiRefresh], o.KpiRefresh);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(sp => RulesLoader.LoadDeployed(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => sp.GetRequiredService<DeployedRules>().Rules);
        services.AddSingleton(sp => new RulesVersionStore(
            Table(sp, o => o.RulesVersionsTable), sp.GetRequiredService<DeployedRules>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ActiveRules>();
        services.AddSingleton(sp => new MetricBucketStore(Table(sp, o => o.MetricBucketsTable)));
        services.AddSingleton(sp => new LateEventStore(Table(sp, o => o.LateEventsTable)));
        services.AddSingleton(sp => new BaselineStore(Table(sp, o => o.BaselinesTable)));
        services.AddSingleton(sp => new AlertStore(
            Table(sp, o => o.AlertsTable),
            sp.GetRequiredService<StorageAccount>().Queues
                .GetQueueClient(sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value.AlertsQueue),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new FirstContactStore(
            Table(sp, o => o.FirstContactsTable), sp.GetRequiredService<IOptions<Ingestion.IngestionOptions>>().Value.PartitionBuckets));
        services.AddSingleton(sp => new AnalyticsWriter(
            sp.GetRequiredService<MetricBucketStore>(),
            sp.GetRequiredService<LateEventStore>(),
            sp.GetRequiredService<Domain.Analytics.Rules.RuleSet>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AnalyticsWriter>>(),
            sp.GetRequiredService<FirstContactStore>()));
        services.AddSingleton<KpiReadModel>();
        services.AddSingleton<KpiQueries>();
        services.AddSingleton<EvaluateAlertsFunction>();
        services.AddSingleton<IFunctionHandler>(sp => sp.GetRequiredService<EvaluateAlertsFunction>());
        services.AddSingleton<IFunctionHandler, KpiSummaryFunction>();
        services.AddSingleton<IFunctionHandler, KpiSeriesFunction>();
        services.AddSingleton<IFunctionHandler, KpisFunction>();
        services.AddSingleton<IFunctionHandler, AlertsFunction>();
        services.AddSingleton<IFunctionHandler, AlertCreateFunction>();
        services.AddSingleton<IFunctionHandler, LateEventsFunction>();
        return services;
    }

    private static Azure.Data.Tables.TableClient Table(IServiceProvider sp, Func<AnalyticsOptions, string> name) =>
        sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(name(sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value));

    private static TimeSpan Span(string? text, TimeSpan fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span
        : throw new OptionsValidationException(
            nameof(AnalyticsOptions), typeof(AnalyticsOptions), [$"'{text}' is not a time span (hh:mm:ss)."]);
}
