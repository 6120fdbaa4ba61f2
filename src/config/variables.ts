/**
 * Every environment variable the app reads, with its default and whether it is a secret.
 * The README table, the env/ files and infra/azure.bicep are checked against this list in tests.
 */
export interface VariableSpec {
  name: string;
  description: string;
  default?: string;
  secret?: boolean;
}

export const VARIABLES: readonly VariableSpec[] = [
  {
    name: 'GRAPH_TENANT_ID',
    description: 'Directory (tenant) id or domain of the tenant to read. Empty for demo mode.',
  },
  { name: 'GRAPH_CLIENT_ID', description: 'Application (client) id of the app registration. Empty for demo mode.' },
  {
    name: 'GRAPH_CLIENT_SECRET',
    description:
      'Client secret value of the app registration. One Graph credential only: this, a certificate or a managed identity.',
    secret: true,
  },
  {
    name: 'GRAPH_CLIENT_CERTIFICATE_PATH',
    description:
      'PEM file with the certificate uploaded to the app registration and its private key: signs client assertions instead of a secret.',
  },
  {
    name: 'GRAPH_CLIENT_CERTIFICATE_PASSWORD',
    description: 'Password of that private key, when it is encrypted.',
    secret: true,
  },
  {
    name: 'GRAPH_MANAGED_IDENTITY_CLIENT_ID',
    description:
      "Client id of the user-assigned managed identity whose token is the app's credential (workload identity federation; no secret anywhere).",
  },
  { name: 'GRAPH_BASE_URL', description: 'Microsoft Graph root (no version).', default: 'https://graph.microsoft.com' },
  {
    name: 'GRAPH_AUTHORITY_HOST',
    description: 'Entra ID authority host.',
    default: 'https://login.microsoftonline.com',
  },
  {
    name: 'GRAPH_CA_FILE',
    description: 'PEM certificate to trust for Graph and the authority only (e.g. the simulator of `npm run sim`).',
  },
  { name: 'BOT_ID', description: 'Bot (Entra app) id. Empty locally: the bot then accepts unauthenticated traffic.' },
  { name: 'BOT_PASSWORD', description: 'Bot client secret (MultiTenant / SingleTenant).', secret: true },
  {
    name: 'BOT_TENANT_ID',
    description:
      'Tenant of the bot identity (SingleTenant / UserAssignedMsi); activities from other tenants are refused.',
  },
  { name: 'BOT_TYPE', description: 'MultiTenant, SingleTenant or UserAssignedMsi.', default: 'MultiTenant' },
  {
    name: 'TEAMS_APP_CATALOG_ID',
    description:
      "Id of License Steward in your organisation's Teams app catalog (not the manifest id), to install it for a license holder it has never met. Empty: such holders are not asked; their managers are. Demo mode: the simulator's.",
  },
  {
    name: 'PUBLIC_URL',
    description:
      'https:// address people reach the bot at (admin-consent redirect). Empty: taken from each request (Host, X-Forwarded-*).',
  },
  { name: 'PORT', description: 'HTTP port of the bot endpoint (0 picks a free port).', default: '3978' },
  {
    name: 'DATABASE_URL',
    description:
      '`sqlite:<file>` or `postgres://user:pass@host/db`. Demo mode defaults to its own file, data/demo.sqlite.',
    default: 'sqlite:data/steward.sqlite',
    secret: true,
  },
  { name: 'LOG_LEVEL', description: 'trace, debug, info, warn, error, fatal or silent.', default: 'info' },
];
