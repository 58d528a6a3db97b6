// Log Analytics workspace and workspace-based Application Insights with local (key) authentication disabled:
// telemetry is accepted only with an Entra token, so the app publishes with its managed identity.

@description('Azure region for the workspace and the Application Insights component.')
param location string

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Days that Log Analytics keeps data (30 is included in the ingestion price; more is billed per GB-month).')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Daily ingestion cap in GB; -1 for none. A cap bounds the cost of a runaway log source.')
param dailyQuotaGb int

@description('Tags applied to every resource.')
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
    features: {
      disableLocalAuth: true
      enableLogAccessUsingOnlyResourcePermissions: true
    }
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
    RetentionInDays: retentionInDays
  }
}

@description('Resource id of the Log Analytics workspace (diagnostic settings and log alerts target it).')
output workspaceId string = workspace.id

@description('Name of the Log Analytics workspace.')
output workspaceName string = workspace.name

@description('Resource id of the Application Insights component (the operations workbook is listed under it).')
output appInsightsId string = appInsights.id

@description('Name of the Application Insights component (the app identity gets Monitoring Metrics Publisher on it).')
output appInsightsName string = appInsights.name

// It names the component and its ingestion endpoint; with local authentication disabled it grants nothing without an Entra token.
@description('Application Insights connection string: names the component and endpoint; grants nothing without an Entra token.')
output appInsightsConnectionString string = appInsights.properties.ConnectionString
