// Development: scales to zero, smallest Event Hubs and Log Analytics footprint, purge protection off so the
// environment can be deleted and recreated. Secrets and ids come from the environment, never from this file.
using 'main.bicep'

param prefix = 'cxdev'
param environmentName = 'dev'
param apiClientId = readEnvironmentVariable('CX_API_CLIENT_ID')
param pseudonymKey = readEnvironmentVariable('CX_PSEUDONYM_KEY', '')
param unauthenticatedClientAction = 'RedirectToLoginPage'
param alwaysReady = []
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
