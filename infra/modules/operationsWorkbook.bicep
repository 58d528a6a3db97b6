// The operations workbook: one Azure Monitor workbook that shows the app's health from the telemetry it already
// sends. Each tile's query is a .kql file under workbook/ (loaded at build time), so a query reads as KQL and the
// Infra tests can check every metric name and dimension it uses against the instruments the code creates.
// Sources: the handler's OpenTelemetry metrics (AppMetrics, through the Azure Monitor exporter) and the storage
// queue service's diagnostic logs (StorageQueueLogs: the task hub's queues and the poison queues).

@description('Required. Azure region of the workbook.')
param location string

@description('Required. Display name shown in the portal.')
param displayName string

@description('Required. Resource id of the Application Insights component the workbook is listed under.')
param appInsightsId string

@description('Required. Resource id of the Log Analytics workspace the queries read (AppMetrics, StorageQueueLogs).')
param workspaceId string

@description('Required. Task hub of the hosted Durable Task Framework (queues <taskhub>-control-NN, <taskhub>-workitems).')
param taskHub string

@description('Required. Tags applied to the workbook.')
param tags object

// A tile: the query file, its title and how it is drawn. Width is a percentage of the row.
var sections = [
  {
    header: '## Ingestion\nEvents received (= stored + quarantined + duplicates), by outcome, source and quarantine reason.'
    tiles: [
      {
        name: 'ingest-outcomes'
        title: 'Events by outcome'
        visualization: 'timechart'
        query: loadTextContent('workbook/ingest-outcomes.kql')
      }
      {
        name: 'ingest-by-source'
        title: 'Received, stored and quarantined by source'
        visualization: 'table'
        query: loadTextContent('workbook/ingest-by-source.kql')
      }
      {
        name: 'quarantine-reasons'
        title: 'Quarantined by reason and source'
        visualization: 'table'
        query: loadTextContent('workbook/quarantine-reasons.kql')
      }
    ]
  }
  {
    header: '## Lag\nSeconds from Event Hubs enqueue to the committed batch; events by timeliness against the allowed lateness.'
    tiles: [
      {
        name: 'ingest-lag'
        title: 'End-to-end lag (enqueue to stored), seconds'
        visualization: 'timechart'
        query: loadTextContent('workbook/ingest-lag.kql')
      }
      {
        name: 'late-events'
        title: 'Events by timeliness (in order, late, too late)'
        visualization: 'timechart'
        query: loadTextContent('workbook/late-events.kql')
      }
    ]
  }
  {
    header: '## Alerts and escalation\nAlert transitions (evaluator and manual alerts); what the escalation workflow recorded on tasks.'
    tiles: [
      {
        name: 'alerts'
        title: 'Alerts opened and resolved, by severity'
        visualization: 'barchart'
        query: loadTextContent('workbook/alerts.kql')
      }
      {
        name: 'sla-breaches'
        title: 'Escalation SLA breaches (last level lapsed)'
        visualization: 'barchart'
        query: loadTextContent('workbook/sla-breaches.kql')
      }
      {
        name: 'escalation'
        title: 'Task changes by kind (reminded, acknowledged, resolved, ...)'
        visualization: 'barchart'
        query: loadTextContent('workbook/escalation.kql')
      }
    ]
  }
  {
    header: '## Workflows\nBacklog: messages put minus messages deleted on the task hub\'s queues since the start of the time range.'
    tiles: [
      {
        name: 'workflow-backlog'
        title: 'Task hub backlog (net queued messages)'
        visualization: 'timechart'
        query: loadTextContent('workbook/workflow-backlog.kql')
      }
      {
        name: 'workflow-orchestrations'
        title: 'Finished orchestrations by status'
        visualization: 'table'
        query: loadTextContent('workbook/workflow-orchestrations.kql')
      }
      {
        name: 'workflow-activity-failures'
        title: 'Activity executions and failures'
        visualization: 'table'
        query: loadTextContent('workbook/workflow-activity-failures.kql')
      }
      {
        name: 'poison-messages'
        title: 'Messages moved to poison queues'
        visualization: 'barchart'
        query: loadTextContent('workbook/poison-messages.kql')
      }
    ]
  }
  {
    header: '## Handler\nInvocations the handler answered with a failure, their duration, and process starts (each start is a cold start).'
    tiles: [
      {
        name: 'handler-errors'
        title: 'Invocations and failures by function'
        visualization: 'table'
        query: loadTextContent('workbook/handler-errors.kql')
      }
      {
        name: 'invocation-duration'
        title: 'Invocation duration by function, seconds'
        visualization: 'table'
        query: loadTextContent('workbook/invocation-duration.kql')
      }
      {
        name: 'cold-starts'
        title: 'Handler starts (cold starts) and start-up seconds'
        visualization: 'barchart'
        query: loadTextContent('workbook/cold-starts.kql')
      }
    ]
  }
]

var parameters = {
  type: 9
  name: 'parameters'
  content: {
    version: 'KqlParameterItem/1.0'
    style: 'pills'
    queryType: 0
    resourceType: 'microsoft.operationalinsights/workspaces'
    parameters: [
      {
        id: '5b0f6a52-3c4e-4d0a-9d55-0c1f4f9b7a01'
        version: 'KqlParameterItem/1.0'
        name: 'TimeRange'
        label: 'Time range'
        type: 4
        isRequired: true
        value: {
          durationMs: 86400000
        }
        typeSettings: {
          allowCustom: true
          selectableValues: [
            {
              durationMs: 3600000
            }
            {
              durationMs: 14400000
            }
            {
              durationMs: 86400000
            }
            {
              durationMs: 604800000
            }
          ]
        }
      }
      {
        id: '5b0f6a52-3c4e-4d0a-9d55-0c1f4f9b7a02'
        version: 'KqlParameterItem/1.0'
        name: 'TaskHub'
        label: 'Task hub (queue prefix)'
        type: 1
        isHiddenWhenLocked: true
        value: toLower(taskHub)
      }
    ]
  }
}

var items = flatten(map(sections, section => concat(
  [
    {
      type: 1
      name: 'header-${section.tiles[0].name}'
      content: {
        json: section.header
      }
    }
  ],
  map(section.tiles, tile => {
    type: 3
    name: tile.name
    customWidth: '50'
    content: {
      version: 'KqlItem/1.0'
      title: tile.title
      query: tile.query
      size: 0
      queryType: 0
      resourceType: 'microsoft.operationalinsights/workspaces'
      crossComponentResources: [
        workspaceId
      ]
      timeContextFromParameter: 'TimeRange'
      visualization: tile.visualization
    }
  })
)))

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, 'cx-operations-workbook', displayName)
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: appInsightsId
    version: 'Notebook/1.0'
    serializedData: string({
      version: 'Notebook/1.0'
      items: concat([parameters], items)
      isLocked: false
      fallbackResourceIds: [
        appInsightsId
      ]
    })
  }
}

@description('Resource id of the workbook.')
output resourceId string = workbook.id

@description('Display name of the workbook.')
output name string = displayName
