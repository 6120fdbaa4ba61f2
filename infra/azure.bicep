// License Steward on Azure: a Linux App Service (Node 20) that hosts the bot, and a user-assigned managed identity
// that is both the Azure Bot's identity and the Graph app registration's credential (workload identity federation:
// infra/federation.bicep trusts its tokens; no client secret exists anywhere), and a Key Vault for the secrets that
// remain (a postgres:// DATABASE_URL).
// Deployed by `arm/deploy` in m365agents.yml with infra/azure.parameters.json; outputs land in env/.env.<env>.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('App Service plan SKU. Basic (B1) or higher: the app needs Always On for its schedules.')
param webAppSKU string = 'B1'

@maxLength(42)
param botDisplayName string

param serverfarmsName string = resourceBaseName
param webAppName string = resourceBaseName
param identityName string = resourceBaseName
param botServiceName string = resourceBaseName
param botServiceSku string = 'F0'
@maxLength(24)
param keyVaultName string = 'kv-${resourceBaseName}'
param location string = resourceGroup().location

@description('GRAPH_TENANT_ID: tenant id (or domain) of the Microsoft 365 tenant to read through Graph.')
@minLength(1)
param graphTenantId string

@description('GRAPH_CLIENT_ID: application (client) id of the Entra app registration that reads the tenant.')
@minLength(36)
@maxLength(36)
param graphClientId string

@description('GRAPH_BASE_URL. Empty = https://graph.microsoft.com.')
param graphBaseUrl string = ''

@description('GRAPH_AUTHORITY_HOST. Empty = https://login.microsoftonline.com.')
param graphAuthorityHost string = ''

@description('GRAPH_CA_FILE: path of an extra PEM CA bundle inside the app. Empty = system CAs only.')
param graphCaFile string = ''

@description('PUBLIC_URL: https address of the bot (admin-consent redirect). Empty = the address of each request, which App Service forwards.')
param publicUrl string = ''

@description('License Steward\'s id in the organisation\'s Teams app catalog (once published there): lets the bot install itself for license holders it has never met. Empty: their managers are asked instead.')
param teamsAppCatalogId string = ''

// /home is the Web App's persistent storage. SQLite suits a single instance only; before scaling out, switch to
// PostgreSQL, and keep a postgres:// URL (it holds a password) in Key Vault, as a Key Vault reference.
@description('DATABASE_URL: sqlite:<file> or postgres://...')
param databaseUrl string = 'sqlite:/home/data/steward.sqlite'

@description('LOG_LEVEL')
@allowed([
  'trace'
  'debug'
  'info'
  'warn'
  'error'
  'fatal'
  'silent'
])
param logLevel string = 'info'

// Built-in role "Key Vault Secrets User": read secret contents.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// The app's identity: Azure Bot authenticates as it (msaAppType UserAssignedMSI), the Web App uses it to read Key
// Vault references, and its token for api://AzureADTokenExchange is the Graph app registration's client assertion
// (GRAPH_MANAGED_IDENTITY_CLIENT_ID; the federated credential is in infra/federation.bicep). No client secret exists.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: identityName
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Compute resources for your Web App (Linux)
resource serverfarm 'Microsoft.Web/serverfarms@2022-09-01' = {
  kind: 'linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSKU
  }
  properties: {
    reserved: true
  }
}

// Web App that hosts your bot
resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    // Key Vault references are resolved with the user-assigned identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // V8 lets the old generation grow to 1.5 times what a full collection leaves alive rather than up
      // to 4 times, and the young one to 16 MB rather than 32: a sync of a large tenant allocates fast,
      // and with the defaults held ~290 MB of heap for ~90 MB alive (README, "Performance"). The same
      // flags as `npm run start:prod`.
      appCommandLine: 'node --heap-growing-percent=50 --max-semi-space-size=8 dist/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      // PORT is not set here: App Service sets PORT for the Node process and routes traffic to it.
      appSettings: [
        {
          // zip deploy runs `npm install` (and `npm run build`) on the Linux host, so native modules such as
          // sqlite3 match the platform; .webappignore keeps the local node_modules out of the package.
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
        {
          name: 'GRAPH_TENANT_ID'
          value: graphTenantId
        }
        {
          name: 'GRAPH_CLIENT_ID'
          value: graphClientId
        }
        {
          // Empty on purpose: Graph is reached with the managed identity (GRAPH_MANAGED_IDENTITY_CLIENT_ID), one
          // credential kind only. No secret, no certificate to rotate.
          name: 'GRAPH_CLIENT_SECRET'
          value: ''
        }
        {
          name: 'GRAPH_CLIENT_CERTIFICATE_PATH'
          value: ''
        }
        {
          name: 'GRAPH_CLIENT_CERTIFICATE_PASSWORD'
          value: ''
        }
        {
          // App Service gives the process IDENTITY_ENDPOINT and IDENTITY_HEADER itself; @azure/identity reads them.
          name: 'GRAPH_MANAGED_IDENTITY_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'GRAPH_BASE_URL'
          value: graphBaseUrl
        }
        {
          name: 'GRAPH_AUTHORITY_HOST'
          value: graphAuthorityHost
        }
        {
          name: 'GRAPH_CA_FILE'
          value: graphCaFile
        }
        {
          name: 'BOT_ID'
          value: identity.properties.clientId
        }
        {
          // Empty on purpose: the bot authenticates with its managed identity.
          name: 'BOT_PASSWORD'
          value: ''
        }
        {
          name: 'BOT_TENANT_ID'
          value: identity.properties.tenantId
        }
        {
          name: 'BOT_TYPE'
          value: 'UserAssignedMsi'
        }
        {
          name: 'PUBLIC_URL'
          value: publicUrl
        }
        {
          name: 'TEAMS_APP_CATALOG_ID'
          value: teamsAppCatalogId
        }
        {
          name: 'DATABASE_URL'
          value: databaseUrl
        }
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
      ]
    }
  }
  dependsOn: [
    // The identity must be able to read secrets before the app resolves a Key Vault reference.
    identityReadsSecrets
  ]
}

// Register your web service as a bot with the Bot Framework
resource botService 'Microsoft.BotService/botServices@2021-03-01' = {
  kind: 'azurebot'
  location: 'global'
  name: botServiceName
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
  }
  sku: {
    name: botServiceSku
  }
}

// Connect the bot service to Microsoft Teams
resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2021-03-01' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// The outputs will be persisted in .env.{envName}. Visit https://aka.ms/teamsfx-actions/arm-deploy for more details.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output KEY_VAULT_NAME string = keyVault.name
// The federated credential's subject (infra/federation.bicep, through infra/federation.parameters.json).
output BOT_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output GRAPH_MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
