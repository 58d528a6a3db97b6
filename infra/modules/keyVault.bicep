// Key Vault in RBAC mode for the pseudonymisation secret (HMAC key for customer pseudonyms). The app reads the
// secret through a Key Vault reference in its app settings, with its managed identity (Key Vault Secrets User).

@description('Azure region for the vault.')
param location string

@description('Vault name (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Purge protection: once on it cannot be turned off, and a deleted vault is kept for the retention period. On in production.')
param enablePurgeProtection bool

@description('Days a deleted vault or secret can be recovered (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Name of the pseudonymisation secret.')
param pseudonymSecretName string

@description('Value of the pseudonymisation secret (32+ random bytes, base64). Empty keeps an existing one: redeploying never rotates it.')
@secure()
param pseudonymSecretValue string

// An empty value leaves an existing secret as it is; a secret never given leaves its channel not configured.
@description('Notification secrets: Teams webhook URL, per-team Teams URLs (JSON), webhook URL, webhook signing secret. Empty keeps one.')
@secure()
param notificationSecretValues object

@description('Names of the notification channel secrets, by the keys of notificationSecretValues.')
param notificationSecretNames object

@description('Resource id of the Log Analytics workspace that receives the vault audit logs and metrics.')
param workspaceId string

@description('Tags applied to every resource.')
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource pseudonymSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(pseudonymSecretValue)) {
  parent: vault
  name: pseudonymSecretName
  properties: {
    value: pseudonymSecretValue
    contentType: 'HMAC-SHA256 key for customer pseudonyms (base64)'
  }
}

resource notificationSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for key in objectKeys(notificationSecretNames): if (!empty(notificationSecretValues[key])) {
    parent: vault
    name: notificationSecretNames[key]
    properties: {
      value: notificationSecretValues[key]
      contentType: 'CxServerless notification channel setting (${key})'
    }
  }
]

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'audit'
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

@description('Vault name.')
output name string = vault.name

@description('Vault URI (https://<name>.vault.azure.net/ in the public cloud).')
output vaultUri string = vault.properties.vaultUri

@description('Versionless URI of the Teams default webhook URL secret (setting Notifications__TeamsWebhookUrl).')
output teamsWebhookUrlSecretUri string = '${vault.properties.vaultUri}secrets/${notificationSecretNames.teamsWebhookUrl}/'

@description('Versionless URI of the per-team Teams webhook URLs secret (setting Notifications__TeamsWebhookUrls).')
output teamsWebhookUrlsSecretUri string = '${vault.properties.vaultUri}secrets/${notificationSecretNames.teamsWebhookUrls}/'

@description('Versionless URI of the JSON webhook URL secret (setting Notifications__WebhookUrl).')
output webhookUrlSecretUri string = '${vault.properties.vaultUri}secrets/${notificationSecretNames.webhookUrl}/'

@description('Versionless URI of the webhook signing secret (setting Notifications__WebhookSecret).')
output webhookSecretUri string = '${vault.properties.vaultUri}secrets/${notificationSecretNames.webhookSecret}/'

@description('Versionless URI of the pseudonymisation secret, for a Key Vault reference that follows rotations.')
output pseudonymSecretUri string = '${vault.properties.vaultUri}secrets/${pseudonymSecretName}/'
