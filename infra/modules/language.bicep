// Azure AI Language (kind TextAnalytics) for sentiment. Key authentication is disabled: the app calls it with
// its managed identity through the custom subdomain endpoint, which Entra authentication requires.

@description('Azure region for the Language account.')
param location string

@description('Account name; also used as the custom subdomain (https://<name>.cognitiveservices.azure.com/).')
@minLength(2)
@maxLength(64)
param name string

@description('Pricing tier: F0 (free, one per subscription, 5000 text records a month) or S (pay per 1000 text records).')
@allowed([
  'F0'
  'S'
])
param skuName string

@description('Resource id of the Log Analytics workspace that receives the account logs and metrics.')
param workspaceId string

@description('Tags applied to every resource.')
param tags object

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'TextAnalytics'
  sku: {
    name: skuName
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
    restrictOutboundNetworkAccess: true
    allowedFqdnList: []
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
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

@description('Account name.')
output name string = account.name

@description('Endpoint the handler calls (POST {endpoint}language/:analyze-text).')
output endpoint string = account.properties.endpoint
