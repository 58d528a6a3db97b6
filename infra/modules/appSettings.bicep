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

@description('Azure AI Language endpoint (setting CxLanguageEndpoint).')
param languageEndpoint string

@description('Application Insights connection string (not a credential: ingestion requires an Entra token because local auth is off).')
param appInsightsConnectionString string

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
    CxLanguageEndpoint: languageEndpoint
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
    // The durable engine: must agree with the WorkflowControl0..3 folders and host.json queues.maxDequeueCount.
    Workflow__TaskHub: 'Workflow'
    Workflow__ControlPartitions: '4'
    Workflow__MaxDequeueCount: '5'
    // The alert evaluator's NCRONTAB schedule (EvaluateAlerts/function.json): every two seconds.
    CxAlertSchedule: '*/2 * * * * *'
  }
}

@description('Names of the app settings written (values are not output: one is a Key Vault reference).')
output settingNames array = objectKeys(appSettings.properties)
