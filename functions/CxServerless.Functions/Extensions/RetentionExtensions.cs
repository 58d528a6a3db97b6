using CxServerless.Functions.Analytics;
using CxServerless.Functions.Audit;
using CxServerless.Functions.Configuration;
using CxServerless.Functions.Escalation;
using CxServerless.Functions.Ingestion;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Retention;
using CxServerless.Functions.Storage;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Extensions;

/// <summary>
/// Wires retention: the <c>RetentionSweep</c> and <c>PurgeWorkflowHistory</c> timers, legal holds, the run counts and
/// the audit trail API.
/// </summary>
public static class RetentionExtensions
{
    /// <summary>
    /// Adds the retention services and functions. Needs <c>AddIngestion</c>, <c>AddAnalytics</c>, <c>AddEscalation</c>
    /// (their table names) and the workflows (the Durable Task client).
    /// </summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>()
            .BindConfiguration(HandlerSettings.Retention)
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.LegalHoldsTable = configuration[HandlerSettings.LegalHoldsTable] ?? o.LegalHoldsTable;
                o.RetentionRunsTable = configuration[HandlerSettings.RetentionRunsTable] ?? o.RetentionRunsTable;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(sp => new LegalHoldStore(
            Table(sp, sp.GetRequiredService<IOptions<RetentionOptions>>().Value.LegalHoldsTable)));
        services.AddSingleton(sp => new RetentionRunStore(
            Table(sp, sp.GetRequiredService<IOptions<RetentionOptions>>().Value.RetentionRunsTable)));
        services.AddSingleton(sp =>
        {
            var ingestion = sp.GetRequiredService<IOptions<IngestionOptions>>().Value;
            var analytics = sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value;
            var escalation = sp.GetRequiredService<IOptions<EscalationOptions>>().Value;
            return new RetentionTables(
                Table(sp, ingestion.EventsTable),
                Table(sp, ingestion.QuarantineTable),
                Table(sp, analytics.LateEventsTable),
                Table(sp, analytics.MetricBucketsTable),
                Table(sp, analytics.AlertsTable),
                Table(sp, analytics.BaselinesTable),
                Table(sp, escalation.TasksTable),
                Table(sp, escalation.NotificationsTable),
                sp.GetRequiredService<AuditLog>().Table,
                sp.GetRequiredService<Privacy.CustomerIndexStore>().Table,
                sp.GetRequiredService<Privacy.ErasureRequestStore>().Table,
                sp.GetRequiredService<Tasks.FalseAlarmStore>().Table,
                sp.GetRequiredService<Handover.HandoverStore>().Table,
                SentimentScores: sp.GetService<Sentiment.SentimentScoreStore>()?.Table,
                FeedbackLoops: sp.GetRequiredService<CxServerless.Workflows.Feedback.FeedbackLoopStore>().Table,
                FirstContacts: sp.GetService<FirstContactStore>()?.Table,
                FeedbackReport: sp.GetRequiredService<CxServerless.Workflows.Feedback.FeedbackReportStore>().Table,
                Interventions: sp.GetService<Interventions.InterventionStore>()?.Table);
        });
        services.AddSingleton<RetentionSweeper>();
        services.AddSingleton<WorkflowHistoryPurger>();
        services.AddSingleton<IFunctionHandler, RetentionSweepFunction>();
        services.AddSingleton<IFunctionHandler, PurgeWorkflowHistoryFunction>();
        services.AddSingleton<IFunctionHandler, OpsRetentionFunction>();
        services.AddSingleton<IFunctionHandler, LegalHoldListFunction>();
        services.AddSingleton<IFunctionHandler, LegalHoldPutFunction>();
        services.AddSingleton<IFunctionHandler, LegalHoldDeleteFunction>();
        services.AddSingleton<IFunctionHandler, AuditListFunction>();
        return services;
    }

    private static Azure.Data.Tables.TableClient Table(IServiceProvider sp, string name) =>
        sp.GetRequiredService<StorageAccount>().Tables.GetTableClient(name);
}
