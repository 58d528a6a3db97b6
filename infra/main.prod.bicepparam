// Production: one always-ready instance for ingestion (no cold start on the event path; it also carries the
// workflow worker), more partitions and retention, zone-redundant storage, purge protection on. Secrets and ids
// come from the environment.
//
// Environment variables a real deployment sets (docs/deploy.md, "Deploy"):
//   CX_API_CLIENT_ID  client id of the API app registration. Required: unset, the nil-GUID placeholder below lets
//                     the file build offline (CI, bicep build-params), and main.bicep fails a deployment with it.
//   CX_ALERT_EMAIL    required in prod: unset (empty) builds offline, and main.bicep fails a prod deployment with it.
//   CX_PSEUDONYM_KEY  the pseudonymisation HMAC key, first deployment only; unset (empty) keeps the stored secret.
using 'main.bicep'

param prefix = 'cxprod'
param environmentName = 'prod'
param apiClientId = readEnvironmentVariable('CX_API_CLIENT_ID', '00000000-0000-0000-0000-000000000000')
param pseudonymKey = readEnvironmentVariable('CX_PSEUDONYM_KEY', '')
// Notification channels (docs/escalation.md, "Channels"): stored in Key Vault when set; unset leaves stored secrets as they are.
param teamsWebhookUrl = readEnvironmentVariable('CX_TEAMS_WEBHOOK_URL', '')
param teamsWebhookUrls = readEnvironmentVariable('CX_TEAMS_WEBHOOK_URLS', '')
param webhookUrl = readEnvironmentVariable('CX_WEBHOOK_URL', '')
param webhookSecret = readEnvironmentVariable('CX_WEBHOOK_SECRET', '')
param unauthenticatedClientAction = 'RedirectToLoginPage'
// The floor of the whole app, not only of ingestion: the workflow worker (the Durable Task Framework in the
// handler) runs on whatever instances run and the scale controller does not see its task hub queues, so this
// instance is what keeps durable timers and queued workflow work moving when no events flow. Do not remove it
// without adding another always-ready entry (docs/deploy.md, "Workflows and always-ready instances").
param alwaysReady = [
  {
    name: 'function:IngestCxEvents'
    instanceCount: 1
  }
]
param maximumInstanceCount = 200
param instanceMemoryMB = 2048
param eventHubPartitionCount = 8
param eventHubRetentionDays = 7
param eventHubCapacity = 2
param storageSku = 'Standard_ZRS'
param languageSku = 'S'
param logRetentionDays = 90
param logDailyQuotaGb = -1
param alertEmail = readEnvironmentVariable('CX_ALERT_EMAIL', '')
param tags = {
  costCenter: 'cx-prod'
}
