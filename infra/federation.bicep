// Workload identity federation: the Graph app registration (made by aadApp/create, shaped by aad.manifest.json)
// trusts the tokens of the App Service's user-assigned managed identity (infra/azure.bicep) as its client
// assertion, so License Steward reads Graph with no secret and no certificate to rotate.
// Deployed by the second `arm/deploy` in m365agents.yml, after aadApp/update gave the registration its uniqueName
// (the Microsoft Graph Bicep extension addresses an application by it). Needs Bicep CLI 0.30 or later.
extension 'br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:1.0.0'

@description('uniqueName of the Graph app registration: "license-steward-" and its client id (aad.manifest.json).')
param graphAppUniqueName string

@description('Object (principal) id of the user-assigned managed identity: azure.bicep output BOT_IDENTITY_PRINCIPAL_ID.')
@minLength(36)
@maxLength(36)
param identityPrincipalId string

resource graphApp 'Microsoft.Graph/applications@v1.0' existing = {
  uniqueName: graphAppUniqueName
}

// The managed identity's token names its tenant's v2.0 issuer, its object id as subject, and the token exchange
// audience; Entra accepts it as the app's client assertion only when all three match this credential.
resource managedIdentityCredential 'Microsoft.Graph/applications/federatedIdentityCredentials@v1.0' = {
  name: '${graphApp.uniqueName}/app-service-managed-identity'
  description: 'The License Steward App Service signs in as this app with its user-assigned managed identity.'
  issuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
  subject: identityPrincipalId
  audiences: [
    'api://AzureADTokenExchange'
  ]
}
