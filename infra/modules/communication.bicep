// Azure Communication Services e-mail for the notification channel "email": an Email Communication Service with an
// Azure-managed domain (DoNotReply@<guid>.azurecomm.net, no DNS to set up), linked to a Communication Services
// resource whose data-plane endpoint the handler calls with its managed identity. Key authentication is off, so no
// connection string exists to leak; the app identity's role is assigned in roleAssignments.bicep.

@description('Required. Name of the Email Communication Service.')
param emailServiceName string

@description('Required. Name of the Communication Services resource (its endpoint is https://<name>.<region>.communication.azure.com).')
param communicationServiceName string

@description('Required. Where both resources keep their data at rest (for example Europe, UnitedStates, UK).')
param dataLocation string

@description('Required. Resource id of the Log Analytics workspace that receives the Communication Services logs and metrics.')
param workspaceId string

@description('Required. Tags applied to every resource.')
param tags object

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }

  // Azure-managed: the platform owns the domain and its SPF, DKIM and DMARC records. Engagement tracking stays off:
  // notifications go to employees, and tracking pixels would only add personal data.
  resource domain 'domains' = {
    name: 'AzureManagedDomain'
    location: 'global'
    tags: tags
    properties: {
      domainManagement: 'AzureManaged'
      userEngagementTracking: 'Disabled'
    }
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      emailService::domain.id
    ]
    disableLocalAuth: true
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: communicationService
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

@description('Communication Services resource name (the scope of the app identity\'s role).')
output name string = communicationService.name

@description('Data-plane endpoint the handler sends e-mail through (setting Notifications__EmailEndpoint).')
output endpoint string = 'https://${communicationService.properties.hostName}'

@description('Sender address of the Azure-managed domain (setting Notifications__EmailSender).')
output senderAddress string = 'DoNotReply@${emailService::domain.properties.mailFromSenderDomain}'
