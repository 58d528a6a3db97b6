// Production: one always-ready instance for ingestion (no cold start on the event path), more partitions and
// retention, zone-redundant storage, purge protection on. Secrets and ids come from the environment.
using 'main.bicep'

param prefix = 'cxprod'
param environmentName = 'prod'
param apiClientId = readEnvironmentVariable('CX_API_CLIENT_ID')
param pseudonymKey = readEnvironmentVariable('CX_PSEUDONYM_KEY', '')
param unauthenticatedClientAction = 'RedirectToLoginPage'
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
param alertEmail = readEnvironmentVariable('CX_ALERT_EMAIL')
param tags = {
  costCenter: 'cx-prod'
}
