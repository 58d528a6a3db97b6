namespace CxServerless.Functions.Configuration;

/// <summary>
/// The catalog of app settings: the one place that names every setting the handler reads and every setting its
/// function.json files refer to, with where each must be defined. Read settings through these constants.
/// </summary>
/// <remarks>
/// Adding a setting: add a constant and an entry to <see cref="All"/>, add it to <c>local.settings.sample.json</c>
/// (unless <see cref="SettingScope.AzureOnly"/>) and to the app settings in <c>infra/modules/appSettings.bicep</c>
/// (unless <see cref="SettingScope.LocalOnly"/>). The Infra tests fail until all three agree, and they scan the
/// handler's source for configuration reads (<c>configuration["X"]</c>, <c>GetSection</c>, <c>GetValue</c>,
/// <c>BindConfiguration</c>, <c>Environment.GetEnvironmentVariable</c>, helpers called with a configuration and a
/// name) whose key is not in this catalog.
/// </remarks>
public static class HandlerSettings
{
    /// <summary>Host storage and the app's tables, queues and blobs (connection).</summary>
    public const string Storage = "AzureWebJobsStorage";

    /// <summary>The Event Hubs namespace the ingestion trigger reads (connection).</summary>
    public const string EventHubConnection = "EventHubConnection";

    /// <summary>The hub the ingestion trigger reads (<c>%CxEventHubName%</c> in function.json).</summary>
    public const string EventHubName = "CxEventHubName";

    /// <summary>The consumer group the ingestion trigger reads with (<c>%CxEventHubConsumerGroup%</c> in function.json).</summary>
    public const string EventHubConsumerGroup = "CxEventHubConsumerGroup";

    /// <summary>The HMAC key for customer pseudonyms (a Key Vault reference in Azure).</summary>
    public const string PseudonymKey = "CxPseudonymKey";

    /// <summary>The id of the pseudonym key, written into every pseudonym (optional; default <c>k1</c>).</summary>
    public const string PseudonymKeyId = "CxPseudonymKeyId";

    /// <summary>Set by Azure App Service and Functions on every instance: the handler runs in Azure when present.</summary>
    public const string WebsiteInstanceId = "WEBSITE_INSTANCE_ID";

    /// <summary>Set by Azure App Service and Functions: the app's name; the handler runs in Azure when present.</summary>
    public const string WebsiteSiteName = "WEBSITE_SITE_NAME";

    /// <summary>
    /// Set by the Azure platform to <c>True</c> when App Service Authentication is on; the handler refuses to start in
    /// Azure without it.
    /// </summary>
    public const string WebsiteAuthEnabled = "WEBSITE_AUTH_ENABLED";

    /// <summary>The ingestion events table (optional; default <c>CxEvents</c>).</summary>
    public const string EventsTable = "CxEventsTable";

    /// <summary>The ingestion quarantine table (optional; default <c>Quarantine</c>).</summary>
    public const string QuarantineTable = "CxQuarantineTable";

    /// <summary>The ingestion counters table (optional; default <c>IngestCounters</c>).</summary>
    public const string IngestCountersTable = "CxIngestCountersTable";

    /// <summary>Table partitions per hour of events (optional; default 2).</summary>
    public const string IngestPartitionBuckets = "CxIngestPartitionBuckets";

    /// <summary>The Azure AI Language endpoint; empty uses the local lexicon scorer.</summary>
    public const string LanguageEndpoint = "CxLanguageEndpoint";

    /// <summary>The Azure AI Language key (local development only; Azure uses the app's identity).</summary>
    public const string LanguageKey = "CxLanguageKey";

    /// <summary>
    /// The sentiment scorer chain's options section (<c>Sentiment__AttemptTimeout</c>, <c>Sentiment__BatchSize</c>,
    /// <c>Sentiment__BreakDuration</c>, ...; see <c>SentimentOptions</c>).
    /// </summary>
    public const string Sentiment = "Sentiment";

    /// <summary>The queue of stored events waiting for a sentiment score.</summary>
    public const string SentimentQueue = "CxSentimentQueue";

    /// <summary>The table of stored sentiment scores.</summary>
    public const string SentimentScoresTable = "CxSentimentScoresTable";

    /// <summary>The NCRONTAB schedule of the sentiment drift check.</summary>
    public const string SentimentDriftSchedule = "CxSentimentDriftSchedule";

    /// <summary>The table of drift checks, baselines and daily score histograms (optional; default <c>SentimentDrift</c>).</summary>
    public const string SentimentDriftTable = "CxSentimentDriftTable";

    /// <summary>
    /// The drift check's thresholds section (<c>SentimentDrift__PsiWarn</c>, <c>SentimentDrift__PsiAlert</c>, ...; see
    /// <c>SentimentDriftOptions</c>).
    /// </summary>
    public const string SentimentDrift = "SentimentDrift";

    /// <summary>The alert rules file, relative to the app root.</summary>
    public const string RulesFile = "CxRulesFile";

    /// <summary>The NCRONTAB schedule of the alert evaluator.</summary>
    public const string AlertSchedule = "CxAlertSchedule";

    /// <summary>The table of per-minute KPI buckets.</summary>
    public const string MetricBucketsTable = "CxMetricBucketsTable";

    /// <summary>The table of alerts.</summary>
    public const string AlertsTable = "CxAlertsTable";

    /// <summary>The table of baseline points.</summary>
    public const string BaselinesTable = "CxBaselinesTable";

    /// <summary>The table of late events.</summary>
    public const string LateEventsTable = "CxLateEventsTable";

    /// <summary>The table of first-contact-resolution state.</summary>
    public const string FirstContactsTable = "CxFirstContactsTable";

    /// <summary>The queue of alert transitions.</summary>
    public const string AlertsQueue = "CxAlertsQueue";

    /// <summary>How much history the alert evaluator replays after a cold start.</summary>
    public const string AlertWarmUp = "CxAlertWarmUp";

    /// <summary>How much event time the KPI read side holds.</summary>
    public const string KpiLookback = "CxKpiLookback";

    /// <summary>The shortest time between two storage reads of the KPI read side.</summary>
    public const string KpiRefresh = "CxKpiRefresh";

    /// <summary>The Tasks read model.</summary>
    public const string TasksTable = "CxTasksTable";

    /// <summary>The queue of feedback candidates (<c>%CxFeedbackQueue%</c> in StartFeedback/function.json).</summary>
    public const string FeedbackQueue = "CxFeedbackQueue";

    /// <summary>The FeedbackLoops table.</summary>
    public const string FeedbackLoopsTable = "CxFeedbackLoopsTable";

    /// <summary>The FeedbackReport table (the loops' anonymous reporting rows, by day).</summary>
    public const string FeedbackReportTable = "CxFeedbackReportTable";

    /// <summary>The feedback rules file, relative to the app root.</summary>
    public const string FeedbackRulesFile = "CxFeedbackRulesFile";

    /// <summary>
    /// The closed feedback loop's delays (<c>Feedback__FollowUpDelay</c>, <c>__ResponseTimeout</c>, <c>__FrequencyCap</c>).
    /// </summary>
    public const string Feedback = "Feedback";

    /// <summary>The Notifications table.</summary>
    public const string NotificationsTable = "CxNotificationsTable";

    /// <summary>The Interventions table (listed interventions, the live state the rules read, the cap counters).</summary>
    public const string InterventionsTable = "CxInterventionsTable";

    /// <summary>The queue of outbound intervention events a contact platform consumes.</summary>
    public const string InterventionsOutboundQueue = "CxInterventionsOutboundQueue";

    /// <summary>The intervention rules file, relative to the app root.</summary>
    public const string InterventionRulesFile = "CxInterventionRulesFile";

    /// <summary>The NCRONTAB schedule of CheckInterventions (<c>%CxInterventionSchedule%</c>).</summary>
    public const string InterventionSchedule = "CxInterventionSchedule";

    /// <summary>The table of alerts closed as false alarms (for recalibration).</summary>
    public const string FalseAlarmsTable = "CxFalseAlarmsTable";

    /// <summary>The table of shift handovers.</summary>
    public const string HandoversTable = "CxHandoversTable";

    /// <summary>The NCRONTAB schedule of the shift-handover timer.</summary>
    public const string HandoverSchedule = "CxHandoverSchedule";

    /// <summary>The routing file, relative to the app root.</summary>
    public const string RosterFile = "CxRosterFile";

    /// <summary>The blob container of configuration replaced at run time (the routing file).</summary>
    public const string ConfigContainer = "CxConfigContainer";

    /// <summary>The table that maps Entra group object ids to teams (optional; default <c>TeamGroups</c>).</summary>
    public const string TeamGroupsTable = "CxTeamGroupsTable";

    /// <summary>The audit trail table (optional; default <c>Audit</c>).</summary>
    public const string AuditTable = "CxAuditTable";

    /// <summary>The table of rules versions (optional; default <c>RulesVersions</c>).</summary>
    public const string RulesVersionsTable = "CxRulesVersionsTable";

    /// <summary>The NCRONTAB schedule of the recalibration timer.</summary>
    public const string RecalibrateSchedule = "CxRecalibrateSchedule";

    /// <summary>The table of legal holds (optional; default <c>LegalHolds</c>).</summary>
    public const string LegalHoldsTable = "CxLegalHoldsTable";

    /// <summary>The table of retention and purge runs (optional; default <c>RetentionRuns</c>).</summary>
    public const string RetentionRunsTable = "CxRetentionRunsTable";

    /// <summary>The index of event rows by customer pseudonym (optional; default <c>CustomerIndex</c>).</summary>
    public const string CustomerIndexTable = "CxCustomerIndexTable";

    /// <summary>The table of erasure requests and their receipts (optional; default <c>ErasureRequests</c>).</summary>
    public const string ErasureRequestsTable = "CxErasureRequestsTable";

    /// <summary>The NCRONTAB schedule of the retention sweep.</summary>
    public const string RetentionSchedule = "CxRetentionSchedule";

    /// <summary>The NCRONTAB schedule of the workflow history purge.</summary>
    public const string WorkflowPurgeSchedule = "CxWorkflowPurgeSchedule";

    /// <summary>
    /// The retention options section: days kept per data class (<c>Retention__RawEventsDays</c>,
    /// <c>Retention__AuditDays</c>, <c>Retention__WorkflowHistoryDays</c>, ...; see <c>RetentionOptions</c>).
    /// </summary>
    public const string Retention = "Retention";

    /// <summary>Accept development principals from cx-host (local only).</summary>
    public const string DevelopmentIdentities = "CxDevelopmentIdentities";

    /// <summary>The worker runtime the local Functions host needs; Flex Consumption declares it in functionAppConfig instead.</summary>
    public const string WorkerRuntime = "FUNCTIONS_WORKER_RUNTIME";

    /// <summary>Print spans and metrics to the console (local development).</summary>
    public const string TelemetryConsole = "CxTelemetryConsole";

    /// <summary>Application Insights connection string (Azure; empty locally turns the exporter off).</summary>
    public const string AppInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Entra ID authentication for Application Insights ingestion (Azure).</summary>
    public const string AppInsightsAuthentication = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The port the Functions host tells the handler to listen on.</summary>
    public const string CustomHandlerPort = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The function app root the host runs from.</summary>
    public const string ScriptRoot = "AzureWebJobsScriptRoot";

    /// <summary>
    /// The hosted Durable Task Framework's options section (<c>Workflows__TaskHub</c>, <c>Workflows__PartitionCount</c>,
    /// <c>Workflows__MaxConcurrentActivities</c>, ...; see <c>WorkflowOptions</c>).
    /// </summary>
    public const string Workflows = "Workflows";

    /// <summary>
    /// The notification channels' options section (<c>Notifications__InboxUrl</c>, <c>Notifications__TeamsWebhookUrl</c>,
    /// <c>Notifications__EmailEndpoint</c>, ...; see <c>NotificationOptions</c>).
    /// </summary>
    public const string Notifications = "Notifications";

    /// <summary>Every setting, in the order of the Bicep app settings.</summary>
    public static IReadOnlyList<HandlerSetting> All { get; } =
    [
        new(Storage, SettingShape.Connection, SettingScope.Everywhere,
            "Read by the Functions host (timers, queues, Event Hubs checkpoints) and the handler (tables, queues, blobs). " +
            "Local: a connection string to Azurite. Azure: identity-based __blobServiceUri/__queueServiceUri/__tableServiceUri."),
        new(EventHubConnection, SettingShape.Connection, SettingScope.Everywhere,
            "Read by the Functions host for the eventHubTrigger. Local: a connection string to cx-host. " +
            "Azure: identity-based __fullyQualifiedNamespace."),
        new(EventHubName, SettingShape.Value, SettingScope.Everywhere,
            "Read by the Functions host through %CxEventHubName% in the ingestion function.json."),
        new(EventHubConsumerGroup, SettingShape.Value, SettingScope.Everywhere,
            "Read by the Functions host through %CxEventHubConsumerGroup% in the ingestion function.json: " +
            "the app's dedicated consumer group. Local: $Default."),
        new(PseudonymKey, SettingShape.Value, SettingScope.Everywhere,
            "Read by the handler: the HMAC-SHA256 key for customer pseudonyms. Azure: a Key Vault reference. " +
            "Local: a development-only value."),
        new(PseudonymKeyId, SettingShape.Value, SettingScope.Everywhere,
            "Read by the handler: the id of CxPseudonymKey (k1, k2...), written into every pseudonym (c-k1-...). " +
            "Change it with the key when rotating (docs/events.md, 'Rotating the pseudonym key')."),
        new(EventsTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the table of stored events. Optional; Azure uses the default CxEvents (tests set unique names)."),
        new(QuarantineTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the table of quarantined events. Optional; Azure uses the default Quarantine."),
        new(IngestCountersTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the table of ingestion counters. Optional; Azure uses the default IngestCounters."),
        new(IngestPartitionBuckets, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: table partitions per hour of events (1-64). Optional; Azure uses the default 2 (docs/events.md)."),
        new(RulesFile, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the alert rules file relative to the app root. Optional; " +
            "default rules/cx-rules.v1.json (docs/alert-rules.md)."),
        new(AlertSchedule, SettingShape.Value, SettingScope.Everywhere,
            "Read by the Functions host through %CxAlertSchedule% in EvaluateAlerts/function.json: " +
            "the alert evaluator's NCRONTAB schedule (every 2 s)."),
        new(MetricBucketsTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the table of per-minute KPI buckets. Optional; Azure uses the default MetricBuckets."),
        new(AlertsTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the table of alerts. Optional; Azure uses the default Alerts."),
        new(BaselinesTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the table of baseline points for charts. Optional; Azure uses the default Baselines."),
        new(RulesVersionsTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the table of rules versions (active, drafts with their reports, retired, expired). " +
            "Optional; Azure uses the default RulesVersions."),
        new(RecalibrateSchedule, SettingShape.Value, SettingScope.Everywhere,
            "Read by the Functions host through %CxRecalibrateSchedule% in Recalibrate/function.json: " +
            "the recalibration's NCRONTAB schedule (nightly at 01:00 UTC; docs/alert-rules.md)."),
        new(LateEventsTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the table listing events later than the allowed lateness. Optional; Azure uses the default LateEvents."),
        new(FirstContactsTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the table of first-contact-resolution state (customers' contact starts, handled contacts due " +
            "to settle). Optional; Azure uses the default FirstContacts."),
        new(AlertsQueue, SettingShape.Value, SettingScope.Everywhere,
            "Read by the handler (the evaluator writes alert transitions to it) and by the Functions host through %CxAlertsQueue% in " +
            "StartEscalation/function.json (the escalation workflow's starter). Default alerts."),
        new(FeedbackQueue, SettingShape.Value, SettingScope.Everywhere,
            "Read by the handler (the ingestion sink writes feedback candidates to it) and by the Functions host through " +
            "%CxFeedbackQueue% in StartFeedback/function.json (the closed feedback loop's starter). Default feedback."),
        new(FeedbackLoopsTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the FeedbackLoops table (loops, their outcomes, attached items). Optional; Azure uses the default."),
        new(FeedbackReportTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the FeedbackReport table (one anonymous row per loop by opening day, read by the feedback KPIs). " +
            "Optional; Azure uses the default FeedbackReport."),
        new(FeedbackRulesFile, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the feedback rules file relative to the app root. Optional; " +
            "default rules/cx-feedback.v1.json (docs/feedback.md)."),
        new(Feedback, SettingShape.Section, SettingScope.Everywhere,
            "Read by the handler: the closed feedback loop's FollowUpDelay (after the task is resolved; 7 days), ResponseTimeout " +
            "(the wait for the customer's answer; 14 days) and FrequencyCap (one loop per customer within it; 30 days)."),
        new(TasksTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the Tasks read model (tasks and their timelines). Optional; Azure uses the default Tasks."),
        new(NotificationsTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the Notifications table. Optional; Azure uses the default Notifications."),
        new(FalseAlarmsTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the table of alerts closed as false alarms in the task inbox. " +
            "Optional; Azure uses the default FalseAlarms."),
        new(HandoversTable, SettingShape.Value, SettingScope.Everywhere,
            "Read by the handler: the table of shift handovers (WriteHandovers writes it, GET /api/handovers/latest reads it). " +
            "Default Handovers."),
        new(InterventionsTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the Interventions table (interventions, live state, cap counters). Optional; Azure uses the default."),
        new(InterventionsOutboundQueue, SettingShape.Value, SettingScope.Everywhere,
            "Read by the handler: the queue it writes outbound intervention events to (callback offers, priority flags, " +
            "supervisor alerts) for the contact platform. Default interventions-outbound."),
        new(InterventionRulesFile, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the intervention rules file relative to the app root. Optional; " +
            "default rules/cx-interventions.v1.json (docs/interventions.md)."),
        new(InterventionSchedule, SettingShape.Value, SettingScope.Everywhere,
            "Read by the Functions host through %CxInterventionSchedule% in CheckInterventions/function.json: how often waits " +
            "are checked for a callback offer. Default every 10 seconds."),
        new(HandoverSchedule, SettingShape.Value, SettingScope.Everywhere,
            "Read by the Functions host through %CxHandoverSchedule% in WriteHandovers/function.json: " +
            "how often the handover timer looks for " +
            "a passed shift boundary (every minute; docs/escalation.md)."),
        new(RosterFile, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the routing file relative to the app root. Optional; " +
            "default rules/cx-roster.v1.json (docs/escalation.md)."),
        new(ConfigContainer, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the blob container of routing files replaced through PUT /api/roster. Optional; default cx-config."),
        new(AuditTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the append-only audit trail. Optional; Azure uses the default Audit (tests set unique names)."),
        new(LegalHoldsTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: legal holds set through /api/ops/legal-holds. Optional; Azure uses the default LegalHolds."),
        new(RetentionRunsTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the counts of each retention sweep and workflow purge. Optional; Azure uses the default RetentionRuns."),
        new(CustomerIndexTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: which event rows carry which customer pseudonym, for erasure requests. " +
            "Optional; Azure uses the default CustomerIndex."),
        new(ErasureRequestsTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: erasure requests (/api/privacy/erasure) and their receipts. " +
            "Optional; Azure uses the default ErasureRequests."),
        new(RetentionSchedule, SettingShape.Value, SettingScope.Everywhere,
            "Read by the Functions host through %CxRetentionSchedule% in RetentionSweep/function.json: " +
            "the retention sweep's NCRONTAB schedule (daily at 02:30 UTC)."),
        new(WorkflowPurgeSchedule, SettingShape.Value, SettingScope.Everywhere,
            "Read by the Functions host through %CxWorkflowPurgeSchedule% in PurgeWorkflowHistory/function.json: " +
            "the workflow history purge's NCRONTAB schedule (daily at 03:15 UTC)."),
        new(Retention, SettingShape.Section, SettingScope.Everywhere,
            "Read by the handler: days kept per data class (RawEventsDays, QuarantineDays, LateEventsDays, MetricBucketsDays, " +
            "SentimentScoresDays, FirstContactsDays, " +
            "AlertsDays, BaselinesDays, TasksDays, NotificationsDays, FeedbackLoopsDays, AuditDays, ErasureReceiptsDays) and " +
            "WorkflowHistoryDays for finished workflow instances. Each optional, 1-3650 (README, \"Retention\")."),
        new(AlertWarmUp, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: event time the alert evaluator replays after a cold start (15 min to 7 days). " +
            "Optional; default 6 hours."),
        new(KpiLookback, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: event time the KPI read side holds in memory (30 min to 7 days). Optional; default 8 hours."),
        new(KpiRefresh, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the shortest time between two storage reads of the KPI read side (0 to 60 s). Optional; default 0.5 s."),
        new(LanguageEndpoint, SettingShape.Value, SettingScope.Everywhere,
            "Read by the handler: the Azure AI Language endpoint, called with the managed identity. Empty (local): the lexicon scorer."),
        new(LanguageKey, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: an Azure AI Language key (Ocp-Apim-Subscription-Key) for local runs against a key-enabled account. " +
            "Empty: the app's Entra identity. Never deployed: the Bicep account has key authentication off (docs/sentiment.md)."),
        new(Sentiment, SettingShape.Section, SettingScope.Everywhere,
            "Read by the handler: the sentiment chain's Language calls: BatchSize (1-10), AttemptTimeout, RetryDelay, MaxRetryAttempts, " +
            "FailureRatio, MinimumThroughput, SamplingDuration, BreakDuration, ModelVersion, and the cost guard " +
            "MaxLanguageCallsPerMinute (per instance; above it the local scorer answers). Each optional (docs/sentiment.md)."),
        new(SentimentQueue, SettingShape.Value, SettingScope.Everywhere,
            "Read by the handler (ingestion's SentimentEnqueuer writes it) and by the Functions host through %CxSentimentQueue% in " +
            "ScoreSentiment/function.json. Default sentiment-requests (docs/sentiment.md)."),
        new(SentimentScoresTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: one score per scored event (ScoreSentiment writes it). " +
            "Optional; Azure uses the default SentimentScores."),
        new(SentimentDriftSchedule, SettingShape.Value, SettingScope.Everywhere,
            "Read by the Functions host through %CxSentimentDriftSchedule% in SentimentDriftCheck/function.json: " +
            "the drift check's NCRONTAB schedule (daily at 04:30 UTC; docs/sentiment.md)."),
        new(SentimentDriftTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the drift checks (one row per day), baselines and daily score histograms. " +
            "Optional; Azure uses the default SentimentDrift."),
        new(SentimentDrift, SettingShape.Section, SettingScope.Everywhere,
            "Read by the handler: the drift check's PsiWarn (0.1), PsiAlert (0.25), AccuracyDropPoints (5), RecallDropPoints (10), " +
            "TrailingDays (30) and MinimumScores (100). Each optional (docs/sentiment.md, \"Drift check\")."),
        new(TeamGroupsTable, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: the table mapping Entra group object ids to teams (PUT /api/teams/groups, docs/security.md). " +
            "Optional; Azure uses the default TeamGroups."),
        new(DevelopmentIdentities, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: accept development principals from cx-host. Never deployed."),
        new(WorkerRuntime, SettingShape.Value, SettingScope.LocalOnly,
            "Read by a local Functions host. Flex Consumption forbids it; functionAppConfig.runtime.name = 'custom' replaces it."),
        new(TelemetryConsole, SettingShape.Value, SettingScope.LocalOnly,
            "Read by the handler: 'true' prints spans and metrics to the console. Azure exports to Application Insights instead."),
        new(AppInsightsConnectionString, SettingShape.Value, SettingScope.Everywhere,
            "Read by the Functions host and the handler's Azure Monitor exporter. Not a credential: local auth is off on the component. " +
            "Local: empty (no export)."),
        new(AppInsightsAuthentication, SettingShape.Value, SettingScope.AzureOnly,
            "Read by the Functions host and the handler: 'Authorization=AAD' sends telemetry with the managed identity."),
        new(Workflows, SettingShape.Section, SettingScope.Everywhere,
            "Read by the handler: the hosted Durable Task Framework's task hub name (one per environment), partition count " +
            "(fixed when the hub is created), concurrency, extended sessions and idle queue polling (docs/workflows.md)."),
        new(Notifications, SettingShape.Section, SettingScope.Everywhere,
            "Read by the handler: where notifications go beyond the inbox. InboxUrl (links to tasks), TeamsWebhookUrl and " +
            "TeamsWebhookUrls (JSON team -> URL), EmailEndpoint and EmailSender (Azure Communication Services, managed identity), " +
            "WebhookUrl and WebhookSecret (HMAC-SHA256 signature). All optional; in Azure the URLs and the secret are Key Vault " +
            "references (docs/escalation.md, \"Channels\")."),
        new(CustomHandlerPort, SettingShape.Value, SettingScope.HostProvided,
            "Set by the Functions host: the loopback port the handler listens on."),
        new(ScriptRoot, SettingShape.Value, SettingScope.HostProvided,
            "Set by the Functions host: the function app root (the folder with host.json)."),
        new(WebsiteInstanceId, SettingShape.Value, SettingScope.HostProvided,
            "Set by the Azure platform on every instance. Read by the handler to know it runs in Azure, where it refuses an " +
            "unresolved Key Vault reference or the sample key as CxPseudonymKey."),
        new(WebsiteSiteName, SettingShape.Value, SettingScope.HostProvided,
            "Set by the Azure platform (the app's name). Read by the handler, like WEBSITE_INSTANCE_ID, to know it runs in Azure."),
        new(WebsiteAuthEnabled, SettingShape.Value, SettingScope.HostProvided,
            "Set by the Azure platform to True when App Service Authentication (authsettingsV2 platform.enabled) is on. In Azure " +
            "the handler refuses to start without it, because it trusts x-ms-client-principal only behind App Service Authentication."),
    ];

    /// <summary>Finds the catalog entry that a configuration key belongs to, or null.</summary>
    public static HandlerSetting? Find(string key) => All.FirstOrDefault(setting => setting.Matches(key));
}
