// Event Hubs namespace (Standard) with the cx-events hub and a consumer group that only this app reads with.
// Local (SAS) authentication is disabled: producers and the app authenticate with Entra ID.

@description('Azure region for the namespace.')
param location string

@description('Event Hubs namespace name (6-50 characters, globally unique).')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Throughput units of the Standard namespace (1 TU: 1 MB/s or 1000 events/s in, 2 MB/s out).')
@minValue(1)
@maxValue(40)
param capacity int

@description('Name of the hub the contact-centre systems send to.')
param hubName string

@description('Partitions of the hub: the upper bound of parallel ingestion instances. Cannot be lowered later on Standard.')
@minValue(1)
@maxValue(32)
param partitionCount int

@description('Days an event stays readable in the hub (Standard: 1-7). It bounds how long ingestion may be down without losing events.')
@minValue(1)
@maxValue(7)
param messageRetentionInDays int

@description('Consumer group the app reads with; no other reader may share it, because checkpoints are per consumer group.')
param consumerGroupName string

@description('Resource id of the Log Analytics workspace that receives the namespace logs and metrics.')
param workspaceId string

@description('Tags applied to every resource.')
param tags object

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
    capacity: capacity
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    isAutoInflateEnabled: false
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: hubName
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: messageRetentionInDays
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: hub
  name: consumerGroupName
  properties: {
    userMetadata: 'CxServerless ingestion (IngestCxEvents). Do not share: checkpoints are per consumer group.'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: namespace
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

@description('Namespace name.')
output namespaceName string = namespace.name

@description('Namespace resource id.')
output namespaceId string = namespace.id

@description('Fully qualified namespace host name (<namespace>.servicebus.windows.net in the public cloud).')
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]

@description('Hub name.')
output hubName string = hub.name

@description('Consumer group the app reads with.')
output consumerGroupName string = consumerGroup.name
