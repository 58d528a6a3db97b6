// The app identity's permissions: built-in data-plane roles, each assigned on the single resource it is for
// (never the resource group or subscription). Role definition ids are the built-in, tenant-independent ids.

@description('Object id of the Function App\'s system-assigned identity.')
param principalId string

@description('Name of the Function App that owns the identity; it seeds the role assignment names, which must be known before deployment.')
param principalName string

@description('Storage account the app uses for host storage, tables, queues and deployment packages.')
param storageAccountName string

@description('Event Hubs namespace the app reads from.')
param eventHubNamespaceName string

@description('Event hub the app reads from (the receiver role is scoped to this hub only).')
param eventHubName string

@description('Azure AI Language account the app calls.')
param languageAccountName string

@description('Key Vault holding the pseudonymisation secret.')
param keyVaultName string

@description('Application Insights component the app publishes telemetry to.')
param appInsightsName string

@description('Communication Services resource the app sends notification e-mail through.')
param communicationServiceName string

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
// The three storage roles are also what Microsoft documents for the Durable Task Azure Storage provider with an
// identity (Storage Blob, Queue and Table Data Contributor: "Quickstart: Configure Durable Functions with managed
// identity"); Blob Data Owner includes everything Blob Data Contributor grants. The workflow task hub the handler
// hosts lives on this account, and the framework creates its tables, queues and containers with these roles.
var roles = {
  // Read, write and delete blobs and containers, and manage blob leases. The Functions host needs Owner (not
  // Contributor) on its AzureWebJobsStorage account; it also covers the Event Hubs checkpoints, the Flex
  // deployment container and the task hub's <hub>-leases (partition leases) and <hub>-largemessages containers.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Read, add, update and delete queue messages and create queues (the alerts queue and its -poison queue, the
  // task hub's <hub>-control-NN and <hub>-workitems queues).
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Read, write, create and delete tables and entities (events, quarantine, KPIs, tasks, audit, and the task
  // hub's <hub>History, <hub>Instances and <hub>Partitions tables).
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Receive events from an event hub.
  eventHubsDataReceiver: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
  // Call Cognitive Services data-plane APIs (sentiment) with an Entra token.
  cognitiveServicesUser: 'a97b65f3-24c7-4388-baec-2e87135dc908'
  // Read secret contents (the Key Vault reference to the pseudonymisation key).
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // Publish telemetry to a component whose local (key) authentication is disabled.
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  // Send e-mail through Communication Services with an Entra token (POST /emails:send). The narrowest built-in role
  // that covers it; scoped to the one resource, whose key authentication is off.
  communicationAndEmailServiceOwner: '09976791-48a7-449e-bb21-39d1a415f350'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource eventHubNamespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: eventHubNamespaceName

  resource hub 'eventhubs' existing = {
    name: eventHubName
  }
}

resource language 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: languageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' existing = {
  name: communicationServiceName
}

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalName, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalName, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalName, roles.storageTableDataContributor)
  scope: storage
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

resource hubReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eventHubNamespace::hub.id, principalName, roles.eventHubsDataReceiver)
  scope: eventHubNamespace::hub
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventHubsDataReceiver)
  }
}

resource languageUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(language.id, principalName, roles.cognitiveServicesUser)
  scope: language
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cognitiveServicesUser)
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalName, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalName, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

resource emailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communicationService.id, principalName, roles.communicationAndEmailServiceOwner)
  scope: communicationService
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.communicationAndEmailServiceOwner)
  }
}

@description('Role definition ids assigned to the app identity, by role, for the deployment record.')
output assignedRoles object = roles
