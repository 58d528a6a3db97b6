// The Function App's app settings. A module of its own so that main.bicep writes them only after the app identity's
// role assignments exist: the platform resolves the Key Vault reference and the host connects to storage and Event
// Hubs as soon as the settings change, and a first failed Key Vault resolution can stick until the next settings write.
//
// Flex Consumption rejects or ignores the settings that functionAppConfig replaced, so none of them is set here:
// FUNCTIONS_WORKER_RUNTIME (-> functionAppConfig.runtime.name), FUNCTIONS_EXTENSION_VERSION (the platform's),
// WEBSITE_RUN_FROM_PACKAGE and WEBSITE_CONTENTSHARE / WEBSITE_CONTENTAZUREFILECONNECTIONSTRING
// (-> functionAppConfig.deployment), WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT (-> scaleAndConcurrency).
//
// Every setting here is read by the Functions host or the handler; the Infra tests check this list against the
// function.json files, the handler's setting catalog (HandlerSettings) and local.settings.sample.json.

@description('Name of the Function App whose settings these are.')
param functionAppName string

@description('Storage account that AzureWebJobsStorage uses.')
param storageAccountName string

@description('Blob endpoint of the storage account.')
param blobEndpoint string

@description('Queue endpoint of the storage account.')
param queueEndpoint string

@description('Table endpoint of the storage account.')
param tableEndpoint string

@description('Fully qualified Event Hubs namespace (<namespace>.servicebus.windows.net).')
param eventHubNamespace string

@description('Event hub the ingestion function reads (setting CxEventHubName).')
param eventHubName string

@description('Consumer group the ingestion function reads with (setting CxEventHubConsumerGroup).')
param eventHubConsumerGroup string

@description('Versionless Key Vault secret URI of the pseudonymisation key (setting CxPseudonymKey, as a Key Vault reference).')
param pseudonymSecretUri string

@description('Id of the pseudonymisation key (setting CxPseudonymKeyId), written into every pseudonym; change it with the secret.')
param pseudonymKeyId string = 'k1'

@description('Azure AI Language endpoint (setting CxLanguageEndpoint).')
param languageEndpoint string

@description('Application Insights connection string (not a credential: ingestion requires an Entra token because local auth is off).')
param appInsightsConnectionString string

@description('Task hub of the workflow layer (setting Workflows__TaskHub): 3-45 letters and digits, starting with a letter.')
@minLength(3)
@maxLength(45)
param workflowTaskHub string

@description('Control-queue partitions of the task hub (setting Workflows__PartitionCount), fixed when the task hub is created.')
@minValue(1)
@maxValue(16)
param workflowPartitionCount int

@description('Public base URL of the app, for links to tasks in notifications (setting Notifications__InboxUrl).')
param inboxUrl string

@description('Azure Communication Services endpoint the e-mail channel calls as the managed identity (Notifications__EmailEndpoint).')
param emailEndpoint string

@description('Sender address of the linked e-mail domain (setting Notifications__EmailSender).')
param emailSender string

@description('Versionless Key Vault secret URI of the default Teams webhook URL (Notifications__TeamsWebhookUrl, a reference).')
param teamsWebhookUrlSecretUri string

@description('Versionless Key Vault secret URI of the per-team Teams webhook URLs (Notifications__TeamsWebhookUrls, a reference).')
param teamsWebhookUrlsSecretUri string

@description('Versionless Key Vault secret URI of the JSON webhook URL (setting Notifications__WebhookUrl, as a Key Vault reference).')
param webhookUrlSecretUri string

@description('Versionless Key Vault secret URI of the webhook signing secret (setting Notifications__WebhookSecret, a reference).')
param webhookSecretUri string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__blobServiceUri: blobEndpoint
    AzureWebJobsStorage__queueServiceUri: queueEndpoint
    AzureWebJobsStorage__tableServiceUri: tableEndpoint
    AzureWebJobsStorage__accountName: storageAccountName
    EventHubConnection__fullyQualifiedNamespace: eventHubNamespace
    EventHubConnection__credential: 'managedidentity'
    CxEventHubName: eventHubName
    CxEventHubConsumerGroup: eventHubConsumerGroup
    CxPseudonymKey: '@Microsoft.KeyVault(SecretUri=${pseudonymSecretUri})'
    CxPseudonymKeyId: pseudonymKeyId
    CxLanguageEndpoint: languageEndpoint
    // The sentiment chain's Language calls (docs/sentiment.md): at most 10 documents a request (Language's limit), a
    // 10 s attempt timeout, 3 retries from 1 s (Retry-After wins), and a breaker that opens for 30 s when half of at
    // least 5 attempts in 30 s fail; the local scorer answers meanwhile. No key: the app calls with its identity.
    Sentiment__BatchSize: '10'
    Sentiment__AttemptTimeout: '00:00:10'
    Sentiment__RetryDelay: '00:00:01'
    Sentiment__MaxRetryAttempts: '3'
    Sentiment__BreakDuration: '00:00:30'
    // Cost guard: at most 300 Language requests a minute per instance (S0's rate limit); above it, the local scorer.
    Sentiment__MaxLanguageCallsPerMinute: '300'
    // The sentiment pipeline: ingestion enqueues masked texts, ScoreSentiment (%CxSentimentQueue%) scores them.
    CxSentimentQueue: 'sentiment-requests'
    // The daily sentiment drift check (%CxSentimentDriftSchedule%, UTC) and its thresholds (docs/sentiment.md).
    CxSentimentDriftSchedule: '0 30 4 * * *'
    SentimentDrift__PsiWarn: '0.1'
    SentimentDrift__PsiAlert: '0.25'
    SentimentDrift__AccuracyDropPoints: '5'
    SentimentDrift__RecallDropPoints: '10'
    SentimentDrift__TrailingDays: '30'
    SentimentDrift__MinimumScores: '100'
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
    // The workflow layer: the Durable Task Framework (TaskHubWorker over the Azure Storage provider) hosted in the
    // handler, on the AzureWebJobsStorage account and identity. It creates its task hub's tables, queues and blob
    // containers itself; the name is per environment (main.bicep) so that dev and prod never share a task hub. The
    // partition count is fixed once the task hub exists. Values are strings, as every app setting.
    Workflows__TaskHub: workflowTaskHub
    Workflows__PartitionCount: string(workflowPartitionCount)
    Workflows__MaxConcurrentActivities: '20'
    Workflows__MaxConcurrentOrchestrations: '20'
    Workflows__ExtendedSessions: 'true'
    Workflows__MaxQueuePollingInterval: '00:00:05'
    // After a crash, the longest a dequeued workflow message stays hidden before another instance takes it up.
    Workflows__ControlQueueVisibilityTimeout: '00:05:00'
    Workflows__WorkItemQueueVisibilityTimeout: '00:05:00'
    // The alert evaluator's NCRONTAB schedule (EvaluateAlerts/function.json): every two seconds.
    CxAlertSchedule: '*/2 * * * * *'
    // The queue of alert transitions: the evaluator writes it, StartEscalation (%CxAlertsQueue%) reads it.
    CxAlertsQueue: 'alerts'
    // Closed feedback loops (docs/feedback.md): ingestion queues feedback candidates, StartFeedback (%CxFeedbackQueue%)
    // reads them. The delays: follow-up survey after the task is resolved, the wait for the answer, the frequency cap.
    CxFeedbackQueue: 'feedback'
    Feedback__FollowUpDelay: '7.00:00:00'
    Feedback__ResponseTimeout: '14.00:00:00'
    Feedback__FrequencyCap: '30.00:00:00'
    // Proactive interventions (docs/interventions.md): outbound events for the contact platform, and how often
    // CheckInterventions (%CxInterventionSchedule%) looks for long waits.
    CxInterventionsOutboundQueue: 'interventions-outbound'
    CxInterventionSchedule: '*/10 * * * * *'
    // Recalibrate (%CxRecalibrateSchedule%): nightly, UTC, before the retention sweep (docs/alert-rules.md).
    CxRecalibrateSchedule: '0 0 1 * * *'
    // Shift handovers: WriteHandovers (%CxHandoverSchedule%) looks every minute for a passed shift boundary of the
    // routing file and writes the team's handover to this table once.
    CxHandoversTable: 'Handovers'
    CxHandoverSchedule: '0 * * * * *'
    // Retention (README, "Retention"): RetentionSweep (%CxRetentionSchedule%) deletes rows older than each data class's
    // limit in days, except rows under a legal hold; PurgeWorkflowHistory (%CxWorkflowPurgeSchedule%) purges finished
    // workflow instances older than Retention__WorkflowHistoryDays. Daily, UTC, an hour apart from each other.
    CxRetentionSchedule: '0 30 2 * * *'
    CxWorkflowPurgeSchedule: '0 15 3 * * *'
    Retention__RawEventsDays: '30'
    Retention__QuarantineDays: '14'
    Retention__LateEventsDays: '30'
    Retention__MetricBucketsDays: '90'
    Retention__SentimentScoresDays: '35'
    Retention__FirstContactsDays: '10'
    Retention__AlertsDays: '365'
    Retention__BaselinesDays: '90'
    Retention__TasksDays: '365'
    Retention__NotificationsDays: '90'
    Retention__FalseAlarmsDays: '365'
    Retention__HandoversDays: '90'
    Retention__FeedbackLoopsDays: '180'
    Retention__InterventionsDays: '90'
    Retention__AuditDays: '730'
    Retention__ErasureReceiptsDays: '2190'
    Retention__WorkflowHistoryDays: '30'
    // Notification channels beyond the inbox (docs/escalation.md, "Channels"). The Teams and webhook URLs embed a
    // credential and the webhook secret is one: Key Vault references, never literals. A secret not stored yet leaves
    // the reference unresolved, which the handler reads as "not configured" for that channel.
    Notifications__InboxUrl: inboxUrl
    Notifications__EmailEndpoint: emailEndpoint
    Notifications__EmailSender: emailSender
    Notifications__TeamsWebhookUrl: '@Microsoft.KeyVault(SecretUri=${teamsWebhookUrlSecretUri})'
    Notifications__TeamsWebhookUrls: '@Microsoft.KeyVault(SecretUri=${teamsWebhookUrlsSecretUri})'
    Notifications__WebhookUrl: '@Microsoft.KeyVault(SecretUri=${webhookUrlSecretUri})'
    Notifications__WebhookSecret: '@Microsoft.KeyVault(SecretUri=${webhookSecretUri})'
  }
}

@description('Names of the app settings written (values are not output: one is a Key Vault reference).')
output settingNames array = objectKeys(appSettings.properties)
