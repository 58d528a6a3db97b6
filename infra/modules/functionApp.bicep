// The Function App on the Flex Consumption plan (FC1), running the custom handler (runtime 'custom') from a
// package in the deployment container, with a system-assigned identity that every connection uses.
//
// The app settings are a separate module (appSettings.bicep), written after the role assignments exist.

@description('Azure region for the plan and the app.')
param location string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the Function App (also its host name: <name>.azurewebsites.net).')
param name string

// List the supported versions with: az functionapp list-flexconsumption-runtimes -l <region> --runtime custom
@description('Version of the \'custom\' runtime (az functionapp list-flexconsumption-runtimes).')
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

// For example [{ name: 'function:IngestCxEvents', instanceCount: 1 }].
@description('Always-ready instances per trigger group or function. Empty scales to zero and bills nothing at rest.')
param alwaysReady array

@description('Blob endpoint of the storage account.')
param blobEndpoint string

@description('Container that holds the deployment packages.')
param deploymentContainerName string

@description('Client id of the Entra ID app registration that protects the HTTP APIs (App Service Authentication).')
param apiClientId string

@description('App Service Authentication for an unauthenticated request: Return401 suits API clients, RedirectToLoginPage the task inbox.')
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

// The tag 'azd-service-name' is how the Azure Developer CLI finds the app of its service 'functions' (azure.yaml).
resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': 'functions'
  })
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
