// Development: one always-ready instance (it carries the workflow worker), smallest Event Hubs and Log Analytics
// footprint, purge protection off so the environment can be deleted and recreated. Secrets and ids come from the
// environment, never from this file.
//
// Environment variables a real deployment sets (docs/deploy.md, "Deploy"):
//   CX_API_CLIENT_ID  client id of the API app registration. Required: unset, the nil-GUID placeholder below lets
//                     the file build offline (CI, bicep build-params), and main.bicep fails a deployment with it.
//   CX_PSEUDONYM_KEY  the pseudonymisation HMAC key, first deployment only; unset (empty) keeps the stored secret.
//   CX_ALERT_EMAIL    optional in dev: unset (empty) creates no action group.
using 'main.bicep'

param prefix = 'cxdev'
param environmentName = 'dev'
param apiClientId = readEnvironmentVariable('CX_API_CLIENT_ID', '00000000-0000-0000-0000-000000000000')
param pseudonymKey = readEnvironmentVariable('CX_PSEUDONYM_KEY', '')
// Notification channels (docs/escalation.md, "Channels"): stored in Key Vault when set; unset leaves stored secrets as they are.
param teamsWebhookUrl = readEnvironmentVariable('CX_TEAMS_WEBHOOK_URL', '')
param teamsWebhookUrls = readEnvironmentVariable('CX_TEAMS_WEBHOOK_URLS', '')
param webhookUrl = readEnvironmentVariable('CX_WEBHOOK_URL', '')
param webhookSecret = readEnvironmentVariable('CX_WEBHOOK_SECRET', '')
param unauthenticatedClientAction = 'RedirectToLoginPage'
// The workflow worker (the Durable Task Framework in the handler) runs only while an instance runs, and the scale
// controller does not see its task hub queues, so without a floor durable timers and queued workflow work wait
// until some trigger happens to start an instance. One always-ready instance keeps it running; IngestCxEvents, as
// in prod, so that both environments behave alike. Cost: the always-ready baseline meter for one instance of
// instanceMemoryMB around the clock, 2 GB x 86,400 s = 172,800 GB-s a day (about 5.3 million GB-s a month), no
// free grant, plus its execution time; instanceMemoryMB = 512 would cut the baseline to a quarter. Use [] to scale
// to zero when no workflow needs to make progress (docs/deploy.md, "Workflows and always-ready instances").
param alwaysReady = [
  {
    name: 'function:IngestCxEvents'
    instanceCount: 1
  }
]
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param eventHubPartitionCount = 2
param eventHubRetentionDays = 1
param eventHubCapacity = 1
param storageSku = 'Standard_LRS'
param languageSku = 'S'
param logRetentionDays = 30
param logDailyQuotaGb = 1
param alertEmail = readEnvironmentVariable('CX_ALERT_EMAIL', '')
param tags = {
  costCenter: 'cx-dev'
}
