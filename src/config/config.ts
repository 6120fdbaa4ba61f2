/** The one typed configuration object. Built by `loadConfig`; nothing else reads `process.env`. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

/** Bot Framework app types, spelled as the Teams Toolkit templates write `BOT_TYPE`. */
export type BotType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi';

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

/**
 * How the app proves to Entra ID that it is the app registration; exactly one kind is configured.
 * Only the secret is a shared secret: a certificate signs a client assertion with a private key that
 * never leaves the host, and a managed identity's token is the assertion under workload identity
 * federation (no secret anywhere).
 */
export type GraphCredential =
  | { kind: 'secret'; clientSecret: string }
  | { kind: 'certificate'; certificatePath: string; certificatePassword?: string }
  | { kind: 'managedIdentity'; managedIdentityClientId: string };

export interface GraphConfig {
  tenantId: string;
  clientId: string;
  credential: GraphCredential;
  /** Graph root without version, e.g. `https://graph.microsoft.com`. */
  baseUrl: string;
  /** Entra authority host, e.g. `https://login.microsoftonline.com`. */
  authorityHost: string;
  /** Extra CA (PEM) trusted for Graph and the authority only, e.g. the simulator's certificate. */
  ca?: string;
}

export interface BotConfig {
  /** Empty in local runs: the adapter then accepts unauthenticated traffic, as Bot Framework tools expect. */
  id?: string;
  password?: string;
  tenantId?: string;
  type: BotType;
}

export interface Config {
  /** `demo` runs against the built-in tenant simulator; `tenant` against the configured Graph tenant. */
  mode: 'demo' | 'tenant';
  port: number;
  logLevel: LogLevel;
  database: DatabaseConfig;
  /** Absent in demo mode: the simulator supplies the credentials at run time. */
  graph?: GraphConfig;
  bot: BotConfig;
  /**
   * Where people reach this server (scheme, host, optional path), e.g. for the admin-consent redirect.
   * Absent: taken from each request (Host, X-Forwarded-*).
   */
  publicUrl?: string;
  /**
   * License Steward's id in the organisation's Teams app catalog (a GUID, not the manifest id): with it
   * the bot installs itself, through Graph, for a license holder it has never talked to. Absent: such
   * holders are not asked, their managers are.
   */
  teamsAppCatalogId?: string;
  /** Every secret value in force, so the logger can scrub them wherever they would appear. */
  secrets: string[];
}
