// CxServerless: everything the app needs in one resource group. One module per concern; names come from a prefix
// and uniqueString(resourceGroup().id), so two environments in two resource groups never collide.
//
//   az deployment group create -g <rg> --template-file infra/main.bicep --parameters infra/main.dev.bicepparam
//
// See docs/deploy.md for the whole procedure, the identity model and the cost at rest.

targetScope = 'resourceGroup'

@description('Short lower-case prefix of every resource name (2-8 letters or digits, starting with a letter).')
@minLength(2)
@maxLength(8)
param prefix string

@description('Environment name, used in tags and to pick secure production defaults.')
@allowed([
  'dev'
  'prod'
])
param environmentName string

@description('Azure region of every resource; the resource group\'s region by default. It must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Tags added to every resource.')
param tags object = {}

// The nil GUID is the parameter files' offline placeholder: a deployment with it fails.
@description('Client id of the Entra ID app registration of the CxServerless API (defines the app roles; create it first: docs/deploy.md).')
@minLength(36)
@maxLength(36)
param apiClientId string

@description('App Service Authentication for an unauthenticated request: Return401 for API clients, RedirectToLoginPage for the inbox.')
@allowed([
  'Return401'
  'RedirectToLoginPage'
])
param unauthenticatedClientAction string = 'RedirectToLoginPage'

@description('HMAC key for pseudonyms (32+ random bytes, base64): on the first deployment or a rotation (new pseudonymKeyId); else empty.')
@secure()
param pseudonymKey string = ''

@description('Id of the pseudonym key (CxPseudonymKeyId, in every pseudonym: c-k1-...). Rotate: new pseudonymKey and new id together.')
param pseudonymKeyId string = 'k1'

// Stored in Key Vault (setting Notifications__TeamsWebhookUrl). Empty leaves the stored secret as it is; never given, the teams channel
// is not configured.
@description('Teams incoming-webhook URL for every team without its own (Key Vault). Empty keeps the stored one; never given: no Teams.')
@secure()
param teamsWebhookUrl string = ''

// Stored in Key Vault (setting Notifications__TeamsWebhookUrls). Empty leaves the stored secret as it is.
@description('Per-team Teams incoming-webhook URLs, a JSON object team name to URL (Key Vault). Empty keeps the stored one.')
@secure()
param teamsWebhookUrls string = ''

// Stored in Key Vault (setting Notifications__WebhookUrl). Empty leaves the stored secret as it is; never given, the webhook channel
// is not configured.
@description('Generic JSON webhook URL (Key Vault). Empty keeps the stored one; never given, the webhook channel is not configured.')
@secure()
param webhookUrl string = ''

// Stored in Key Vault (setting Notifications__WebhookSecret). Empty leaves the stored secret as it is.
@description('HMAC-SHA256 secret that signs webhook bodies, at least 16 characters (Key Vault). Empty keeps the stored one.')
@secure()
param webhookSecret string = ''

@description('Where Azure Communication Services keeps e-mail data at rest (for example Europe, UnitedStates, UK).')
param emailDataLocation string = 'Europe'

// Keep at least one: the workflow worker runs inside the handler and only while an instance does
// (docs/deploy.md, "Workflows and always-ready instances").
@description('Always-ready instances per trigger group or function; keep one for the workflow worker (docs/deploy.md). Empty: scale to 0.')
param alwaysReady array = []

@description('Upper bound of Function App instances (Flex: 40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per Function App instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

// List the versions with: az functionapp list-flexconsumption-runtimes -l <region> --runtime custom
@description('Version of the Flex Consumption \'custom\' runtime (az functionapp list-flexconsumption-runtimes).')
param customRuntimeVersion string = '1.0'

@description('Partitions of the cx-events hub (fixed after creation on Standard).')
@minValue(1)
@maxValue(32)
param eventHubPartitionCount int = 4

@description('Days events are kept in the hub (Standard: 1-7).')
@minValue(1)
@maxValue(7)
param eventHubRetentionDays int = 1

@description('Throughput units of the Event Hubs namespace.')
@minValue(1)
@maxValue(40)
param eventHubCapacity int = 1

// Setting Workflows__PartitionCount. Fixed when the task hub is first created: to change it, also give workflowTaskHub a new name.
@description('Control-queue partitions of the workflow task hub; fixed at creation: to change it, also rename workflowTaskHub.')
@minValue(1)
@maxValue(16)
param workflowPartitionCount int = 4

// Setting Workflows__TaskHub. Empty derives it from the prefix (cxdev: cxdevWorkflows), so two environments never share one.
// A new name starts an empty task hub; orchestrations in the old one stop.
@description('Workflow task hub: 3-45 letters and digits, starting with a letter; empty: the prefix + Workflows. Renaming stops old runs.')
@maxLength(45)
param workflowTaskHub string = ''

@description('Storage replication.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Azure AI Language pricing tier (F0: free, one per subscription).')
@allowed([
  'F0'
  'S'
])
param languageSku string = 'S'

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Log Analytics daily ingestion cap in GB (-1: none).')
param logDailyQuotaGb int = -1

@description('E-mail address for alerts; empty creates no action group (allowed in dev only: a prod deployment without it fails).')
param alertEmail string = ''

@description('Name of the handler\'s OpenTelemetry counter of ingested events, with dimension outcome = stored, duplicate or quarantined.')
param ingestEventsMetricName string = 'cx.ingest.events'

var isProd = environmentName == 'prod'
var suffix = uniqueString(resourceGroup().id, prefix)
var allTags = union(tags, {
  application: 'CxServerless'
  environment: environmentName
})

var names = {
  workspace: '${prefix}-log-${suffix}'
  appInsights: '${prefix}-appi-${suffix}'
  storage: take('${prefix}st${suffix}', 24)
  eventHubs: '${prefix}-evh-${suffix}'
  language: '${prefix}-lang-${suffix}'
  keyVault: take('${prefix}kv${suffix}', 24)
  plan: '${prefix}-plan-${suffix}'
  functionApp: '${prefix}-func-${suffix}'
  emailService: '${prefix}-email-${suffix}'
  communication: '${prefix}-acs-${suffix}'
}

var eventHubName = 'cx-events'
var consumerGroupName = 'cx-ingestion'
var deploymentContainerName = 'deployment-packages'
var pseudonymSecretName = 'cx-pseudonym-key'
var notificationSecretNames = {
  teamsWebhookUrl: 'cx-teams-webhook-url'
  teamsWebhookUrls: 'cx-teams-webhook-urls'
  webhookUrl: 'cx-webhook-url'
  webhookSecret: 'cx-webhook-secret'
}

// The parameter files build with no environment variable set (CI): CX_API_CLIENT_ID then gives the nil GUID and
// CX_ALERT_EMAIL an empty string. A deployment with either gap fails here, with a message naming the variable.
var verifiedApiClientId = apiClientId != '00000000-0000-0000-0000-000000000000'
  ? apiClientId
  : fail('apiClientId is the offline placeholder: set CX_API_CLIENT_ID to the API app registration\'s client id (docs/deploy.md).')
var verifiedAlertEmail = isProd && empty(alertEmail)
  ? fail('Production needs an alert e-mail address: set CX_ALERT_EMAIL (docs/deploy.md).')
  : alertEmail

// The workflow task hub: the Durable Task Framework hosted in the handler names its storage after it (tables
// <hub>History, <hub>Instances and <hub>Partitions, queues <hub>-control-00..NN and <hub>-workitems, containers
// <hub>-leases and <hub>-largemessages, queue and container names lower-cased) and creates all of them itself at
// start-up, so none is listed below. Derived from the prefix without its non-alphanumerics unless given; checked
// here so that an invalid name fails the deployment rather than the handler's start.
var alphanumerics = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
var prefixCharacters = map(range(0, length(prefix)), i => substring(prefix, i, 1))
var taskHub = empty(workflowTaskHub)
  ? '${join(filter(prefixCharacters, c => contains(alphanumerics, c)), '')}Workflows'
  : workflowTaskHub
var taskHubCharacters = map(range(0, length(taskHub)), i => substring(taskHub, i, 1))
var taskHubNonAlphanumerics = filter(taskHubCharacters, c => !contains(alphanumerics, c))
var taskHubIsValid = length(taskHub) >= 3 && empty(taskHubNonAlphanumerics) && !contains('0123456789', first(taskHub))
var verifiedTaskHub = taskHubIsValid
  ? taskHub
  : fail('Task hub name \'${taskHub}\' is invalid: 3-45 letters and digits, starting with a letter (parameter workflowTaskHub).')

// ARCHITECTURE §6-§7: ingestion and analytics tables and the handler's own (Heartbeat, IngestCounters). The Infra
// tests check that every TableName constant in handler code is listed here. The workflow tables are the task hub's.
var tableNames = [
  'CxEvents'
  'Quarantine'
  'MetricBuckets'
  'Baselines'
  'Alerts'
  'Tasks'
  'Notifications'
  'FalseAlarms'
  'Handovers'
  'Audit'
  'Identities'
  'Heartbeat'
  'IngestCounters'
  'LateEvents'
  'FirstContacts'
  'TeamGroups'
  'CustomerIndex'
  'ErasureRequests'
  'RulesVersions'
  'LegalHolds'
  'RetentionRuns'
  'SentimentScores'
  'SentimentDrift'
  'FeedbackLoops'
  'FeedbackReport'
  'Interventions'
]

// The app's own work queues, each with the '-poison' queue the Functions host moves failed messages to. The task
// hub's control and work-item queues are the framework's (above); the host's -poison convention does not apply.
var workQueues = [
  'alerts'
  'sentiment-requests'
  'feedback'
]
// Written by the app, read by the contact platform (outbound intervention events): no trigger, so no poison queue.
var outboundQueues = [
  'interventions-outbound'
]
var queueNames = concat(workQueues, map(workQueues, q => '${q}-poison'), outboundQueues)

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionDays
    dailyQuotaGb: logDailyQuotaGb
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: names.storage
    skuName: storageSku
    deploymentContainerName: deploymentContainerName
    tableNames: tableNames
    queueNames: queueNames
    workspaceId: monitoring.outputs.workspaceId
    tags: allTags
  }
}

module eventHubs 'modules/eventHubs.bicep' = {
  name: 'eventHubs'
  params: {
    location: location
    namespaceName: names.eventHubs
    capacity: eventHubCapacity
    hubName: eventHubName
    partitionCount: eventHubPartitionCount
    messageRetentionInDays: eventHubRetentionDays
    consumerGroupName: consumerGroupName
    workspaceId: monitoring.outputs.workspaceId
    tags: allTags
  }
}

module language 'modules/language.bicep' = {
  name: 'language'
  params: {
    location: location
    name: names.language
    skuName: languageSku
    workspaceId: monitoring.outputs.workspaceId
    tags: allTags
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    name: names.keyVault
    enablePurgeProtection: isProd
    softDeleteRetentionInDays: isProd ? 90 : 7
    pseudonymSecretName: pseudonymSecretName
    pseudonymSecretValue: pseudonymKey
    notificationSecretNames: notificationSecretNames
    notificationSecretValues: {
      teamsWebhookUrl: teamsWebhookUrl
      teamsWebhookUrls: teamsWebhookUrls
      webhookUrl: webhookUrl
      webhookSecret: webhookSecret
    }
    workspaceId: monitoring.outputs.workspaceId
    tags: allTags
  }
}

module communication 'modules/communication.bicep' = {
  name: 'communication'
  params: {
    emailServiceName: names.emailService
    communicationServiceName: names.communication
    dataLocation: emailDataLocation
    workspaceId: monitoring.outputs.workspaceId
    tags: allTags
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  params: {
    location: location
    planName: names.plan
    name: names.functionApp
    runtimeVersion: customRuntimeVersion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReady: alwaysReady
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    apiClientId: verifiedApiClientId
    unauthenticatedClientAction: unauthenticatedClientAction
    anonymousPaths: [
      '/api/health'
    ]
    workspaceId: monitoring.outputs.workspaceId
    tags: allTags
  }
}

module roleAssignments 'modules/roleAssignments.bicep' = {
  name: 'roleAssignments'
  params: {
    principalId: functionApp.outputs.principalId
    principalName: names.functionApp
    storageAccountName: names.storage
    eventHubNamespaceName: names.eventHubs
    eventHubName: eventHubName
    languageAccountName: names.language
    keyVaultName: names.keyVault
    appInsightsName: names.appInsights
    communicationServiceName: names.communication
  }
  dependsOn: [
    communication
  ]
}

// After the role assignments, so that the first resolution of the Key Vault reference and the host's first
// identity-based connections already have their permissions.
module appSettings 'modules/appSettings.bicep' = {
  name: 'appSettings'
  dependsOn: [
    roleAssignments
  ]
  params: {
    functionAppName: names.functionApp
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    eventHubNamespace: eventHubs.outputs.fullyQualifiedNamespace
    eventHubName: eventHubs.outputs.hubName
    eventHubConsumerGroup: eventHubs.outputs.consumerGroupName
    pseudonymSecretUri: keyVault.outputs.pseudonymSecretUri
    pseudonymKeyId: pseudonymKeyId
    languageEndpoint: language.outputs.endpoint
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    workflowTaskHub: verifiedTaskHub
    workflowPartitionCount: workflowPartitionCount
    inboxUrl: 'https://${functionApp.outputs.defaultHostName}'
    emailEndpoint: communication.outputs.endpoint
    emailSender: communication.outputs.senderAddress
    teamsWebhookUrlSecretUri: keyVault.outputs.teamsWebhookUrlSecretUri
    teamsWebhookUrlsSecretUri: keyVault.outputs.teamsWebhookUrlsSecretUri
    webhookUrlSecretUri: keyVault.outputs.webhookUrlSecretUri
    webhookSecretUri: keyVault.outputs.webhookSecretUri
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    location: location
    namePrefix: '${prefix}-${environmentName}'
    workspaceId: monitoring.outputs.workspaceId
    eventHubNamespaceName: eventHubs.outputs.namespaceName
    alertEmail: verifiedAlertEmail
    ingestEventsMetricName: ingestEventsMetricName
    quarantinePercentThreshold: 5
    functionFailureThreshold: 5
    eventHubBacklogThreshold: 10000
    tags: allTags
  }
}

// The operations workbook (Azure Monitor > Workbooks, and the Application Insights component's Workbooks): ingestion,
// lag, alerts, escalation, workflows and the handler, from the app's own metrics and the storage queue logs.
module operationsWorkbook 'modules/operationsWorkbook.bicep' = {
  name: 'operationsWorkbook'
  params: {
    location: location
    displayName: 'CxServerless operations (${environmentName})'
    appInsightsId: monitoring.outputs.appInsightsId
    workspaceId: monitoring.outputs.workspaceId
    taskHub: verifiedTaskHub
    tags: allTags
  }
}

@description('Function App name: the target of az functionapp deployment source config-zip.')
output functionAppName string = functionApp.outputs.name

@description('Function App URL; the HTTP APIs are under /api.')
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'

@description('Object id of the app\'s managed identity.')
output functionAppPrincipalId string = functionApp.outputs.principalId

@description('Storage account name (use with --auth-mode login).')
output storageAccountName string = storage.outputs.name

@description('Fully qualified Event Hubs namespace that producers send to.')
output eventHubNamespace string = eventHubs.outputs.fullyQualifiedNamespace

@description('Event hub name that producers send to.')
output eventHubName string = eventHubs.outputs.hubName

@description('Consumer group the app reads with.')
output eventHubConsumerGroup string = eventHubs.outputs.consumerGroupName

@description('Key Vault name (the pseudonymisation secret lives here).')
output keyVaultName string = keyVault.outputs.name

@description('Azure AI Language endpoint.')
output languageEndpoint string = language.outputs.endpoint

@description('Log Analytics workspace name, for queries and the alert rules.')
output logAnalyticsWorkspaceName string = monitoring.outputs.workspaceName

@description('Names of the app settings written.')
output appSettingNames array = appSettings.outputs.settingNames

@description('Workflow task hub name (setting Workflows__TaskHub): the prefix of the framework\'s tables, queues and containers.')
output workflowTaskHub string = taskHub

@description('Sender address of the Azure-managed e-mail domain (setting Notifications__EmailSender).')
output emailSenderAddress string = communication.outputs.senderAddress

@description('Resource id of the operations workbook.')
output operationsWorkbookId string = operationsWorkbook.outputs.resourceId

@description('Names of the alert rules created.')
output alertRuleNames array = alerts.outputs.ruleNames
