// The Function App on the Flex Consumption plan (FC1), running the custom handler (runtime 'custom') from a
// package in the deployment container, with a system-assigned identity that every connection uses.
//
// Flex Consumption rejects or ignores the app settings that functionAppConfig replaced, so none of them is set
// here: FUNCTIONS_WORKER_RUNTIME (-> functionAppConfig.runtime.name), FUNCTIONS_EXTENSION_VERSION (the
// platform's), WEBSITE_RUN_FROM_PACKAGE and WEBSITE_CONTENTSHARE / WEBSITE_CONTENTAZUREFILECONNECTIONSTRING
// (-> functionAppConfig.deployment), WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT (-> scaleAndConcurrency).

@description('Azure region for the plan and the app.')
param location string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the Function App (also its host name: <name>.azurewebsites.net).')
param name string

@description('Version of the \'custom\' runtime; list the supported ones with: az functionapp list-flexconsumption-runtimes -l <region> --runtime custom.')
param runtimeVersion string

@description('Memory of each instance in MB; Flex bills GB-seconds of this size.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound of instances the app scales out to (Flex: 40-1000). Bounds cost and the load on downstream services.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances per trigger group or function, e.g. [{ name: \'function:IngestCxEvents\', instanceCount: 1 }]. Empty scales to zero and bills nothing at rest.')
param alwaysReady array

@description('Storage account whose blob, queue and table endpoints AzureWebJobsStorage uses.')
param storageAccountName string

@description('Blob endpoint of the storage account.')
param blobEndpoint string

@description('Queue endpoint of the storage account.')
param queueEndpoint string

@description('Table endpoint of the storage account.')
param tableEndpoint string

@description('Container that holds the deployment packages.')
param deploymentContainerName string

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

@description('Client id of the Entra ID app registration that protects the HTTP APIs (App Service Authentication).')
param apiClientId string

@description('What App Service Authentication does with an unauthenticated request: Return401 suits API clients, RedirectToLoginPage suits the task inbox page.')
@allowed([
  'Return401'
  'RedirectToLoginPage'
])
param unauthenticatedClientAction string

@description('Paths that App Service Authentication lets through without a token (the health probe).')
param anonymousPaths array

@description('Resource id of the Log Analytics workspace that receives the app logs and metrics.')
param workspaceId string

@description('Tags applied to every resource.')
param tags object

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReady
      }
      runtime: {
        name: 'custom'
        version: runtimeVersion
      }
    }
  }
}

// Every setting here is read by the Functions host or the handler; the Infra tests check this list against the
// function.json files, the handler's setting catalog (HandlerSettings) and local.settings.sample.json.
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
  }
}

// App Service Authentication (Easy Auth v2) in front of every HTTP function. It validates Entra ID tokens for the
// API's app registration and passes the caller to the handler in x-ms-client-principal, roles included.
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: unauthenticatedClientAction
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: anonymousPaths
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: apiClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${subscription().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${apiClientId}'
            apiClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

// Publishing with basic (user name and password) credentials is off: deployments use Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('Function App name.')
output name string = site.name

@description('Function App resource id.')
output id string = site.id

@description('Object id of the app\'s system-assigned identity (the principal of every role assignment).')
output principalId string = site.identity.principalId

@description('Default host name (<name>.azurewebsites.net).')
output defaultHostName string = site.properties.defaultHostName
