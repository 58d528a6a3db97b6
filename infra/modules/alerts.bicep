// Alert rules for operators, as log search alerts over the Log Analytics workspace. Each rule states the signal it
// reads, because not every wish has a platform metric:
// - Poison messages: Azure Storage has no per-queue depth metric (QueueMessageCount is account-wide), so the rule
//   counts messages the Functions host puts into any '-poison' queue (StorageQueueLogs, from the queue service's
//   diagnostic setting). Any arrival means an invocation failed maxDequeueCount times.
// - Quarantine rate: the handler's OpenTelemetry counter of ingested events (AppMetrics), whose dimension 'outcome'
//   is stored, duplicate or quarantined; every received event is counted once under one outcome.
// - Function failures: failed invocations the Functions host records (AppRequests, Success == false).
// - Event Hubs backlog: Event Hubs Standard has no consumer-lag metric, so the rule estimates it as events in minus
//   events out over the window (AzureMetrics from the namespace's diagnostic setting). Outgoing counts every reader,
//   so the estimate assumes the app's consumer group is the only one (as this template sets it up).

@description('Azure region for the alert rules.')
param location string

@description('Prefix of the alert rule names.')
param namePrefix string

@description('Resource id of the Log Analytics workspace the rules query.')
param workspaceId string

@description('Event Hubs namespace whose backlog is estimated.')
param eventHubNamespaceName string

@description('E-mail address that receives alerts; empty creates no action group (the alerts still show in Azure Monitor).')
param alertEmail string

@description('Name of the handler\'s counter of ingested events (OpenTelemetry metric in AppMetrics, dimension outcome).')
param ingestEventsMetricName string

@description('Quarantined share of received events, in percent over 15 minutes, that raises the quarantine alert.')
@minValue(1)
@maxValue(100)
param quarantinePercentThreshold int

@description('Failed invocations in 15 minutes, per function, that raise the failure alert.')
@minValue(1)
param functionFailureThreshold int

@description('Estimated unread events (in minus out over 30 minutes) that raise the backlog alert.')
@minValue(1)
param eventHubBacklogThreshold int

@description('Tags applied to every resource.')
param tags object

var rules = [
  {
    name: 'poison-messages'
    displayName: 'CxServerless: messages moved to a poison queue'
    description: join([
      'A queue message failed maxDequeueCount times and the Functions host moved it to <queue>-poison.'
      'Inspect it with az storage message peek --auth-mode login, fix the cause, then re-queue or delete it.'
    ], ' ')
    severity: 1
    windowSize: 'PT15M'
    query: join([
      'StorageQueueLogs'
      '| where OperationName == "PutMessage" and StatusText == "Success" and ObjectKey has "-poison"'
      '| extend Queue = extract(@"/([^/]+-poison)", 1, ObjectKey)'
      '| summarize Moved = count() by Queue'
    ], ' ')
    measure: 'Moved'
    dimensions: [
      {
        name: 'Queue'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
    threshold: 0
  }
  {
    name: 'quarantine-rate'
    displayName: 'CxServerless: quarantine rate above ${quarantinePercentThreshold}%'
    description: join([
      'A large share of incoming events fails validation and goes to the Quarantine table: usually a producer changed its format.'
      'Read the reasons in the Quarantine table.'
    ], ' ')
    severity: 2
    windowSize: 'PT15M'
    query: join([
      'AppMetrics'
      '| where Name == "${ingestEventsMetricName}"'
      '| extend Outcome = tostring(Properties.outcome)'
      '| summarize Quarantined = sumif(Sum, Outcome == "quarantined"), Received = sum(Sum)'
      '| extend QuarantinePercent = iff(Received <= 0, 0.0, 100.0 * Quarantined / Received)'
    ], ' ')
    measure: 'QuarantinePercent'
    dimensions: []
    threshold: quarantinePercentThreshold
  }
  {
    name: 'function-failures'
    displayName: 'CxServerless: failed function invocations'
    description: join([
      'Invocations failed (non-2xx handler reply, exception or timeout). Queue-triggered ones are retried and may end in a poison queue;'
      'Event Hubs batches are retried by the function\'s retry policy.'
    ], ' ')
    severity: 2
    windowSize: 'PT15M'
    query: 'AppRequests | where Success == false | summarize Failures = count() by FunctionName = Name'
    measure: 'Failures'
    dimensions: [
      {
        name: 'FunctionName'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
    threshold: functionFailureThreshold - 1
  }
  {
    name: 'event-hub-backlog'
    displayName: 'CxServerless: Event Hubs backlog growing'
    description: join([
      'More events arrived than the app read in the last 30 minutes: ingestion is behind or stopped.'
      'Check function failures, the maximum instance count and the partition count.'
    ], ' ')
    severity: 2
    windowSize: 'PT30M'
    query: join([
      'AzureMetrics'
      '| where ResourceProvider == "MICROSOFT.EVENTHUB" and Resource =~ "${eventHubNamespaceName}"'
      'and MetricName in ("IncomingMessages", "OutgoingMessages")'
      '| summarize Incoming = sumif(Total, MetricName == "IncomingMessages"), Outgoing = sumif(Total, MetricName == "OutgoingMessages")'
      '| extend Backlog = Incoming - Outgoing'
    ], ' ')
    measure: 'Backlog'
    dimensions: []
    threshold: eventHubBacklogThreshold
  }
]

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${namePrefix}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'cxops'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        workspaceId
      ]
      evaluationFrequency: 'PT5M'
      windowSize: rule.windowSize
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Total'
            metricMeasureColumn: rule.measure
            dimensions: rule.dimensions
            operator: 'GreaterThan'
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: empty(alertEmail) ? [] : [actionGroup.id]
      }
    }
  }
]

@description('Names of the alert rules.')
output ruleNames array = [for (rule, i) in rules: alertRules[i].name]
