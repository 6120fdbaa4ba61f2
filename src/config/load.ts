import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './errors';
import { credentialVariablesSet, graphCredential, missingCredential } from './graph-credential';
import { isGuid } from './guid';
import type { BotType, Config, DatabaseConfig, GraphConfig, LogLevel } from './config';

export type Env = Record<string, string | undefined>;

const DOMAIN = /^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i;
const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
const BOT_TYPES: readonly BotType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMsi'];

/**
 * Reads env files in order (later files override earlier ones), then the process environment,
 * which wins. Missing files are skipped. Empty values count as unset, as the toolkit's
 * placeholder files leave them.
 */
export function readEnv(files: readonly string[], processEnv: Env): Env {
  const merged: Env = {};
  for (const file of files) {
    if (existsSync(file)) Object.assign(merged, parseEnv(readFileSync(file, 'utf8')));
  }
  for (const [key, value] of Object.entries(processEnv)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/**
 * The app's configuration as every entry point loads it (bot, sync, report, policy, admins):
 * `env/.env.local`, its git-ignored `.user` secrets, the Agents Toolkit's `.localConfigs` (where
 * local provisioning writes BOT_PASSWORD), then the process environment. Throws `ConfigError`.
 */
export function loadAppConfig(root: string, processEnv: Env = process.env): Config {
  const files = [join(root, 'env', '.env.local'), join(root, 'env', '.env.local.user'), join(root, '.localConfigs')];
  return loadConfig(readEnv(files, processEnv));
}

/** Builds the validated configuration. Throws `ConfigError` naming the first bad variable. */
export function loadConfig(env: Env): Config {
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };

  const graph = graphConfig(get);
  const bot = botConfig(get);
  // Demo data goes to its own file, so a later real tenant never starts with simulated users in it.
  const database = databaseConfig(
    get('DATABASE_URL') ?? (graph ? 'sqlite:data/steward.sqlite' : 'sqlite:data/demo.sqlite'),
  );
  const credential = graph?.credential;
  const graphSecret =
    credential?.kind === 'secret'
      ? credential.clientSecret
      : credential?.kind === 'certificate'
        ? credential.certificatePassword
        : undefined;
  const publicUrl = get('PUBLIC_URL');
  const catalogId = get('TEAMS_APP_CATALOG_ID');
  if (catalogId !== undefined && !isGuid(catalogId)) {
    throw new ConfigError(
      'TEAMS_APP_CATALOG_ID',
      `must be the app's id in the Teams app catalog, a GUID (got "${catalogId}")`,
    );
  }
  const secrets = [graphSecret, bot.password, database.type === 'postgres' ? database.url : undefined].filter(
    (s): s is string => typeof s === 'string' && s.length > 0,
  );
  const dbPassword = database.type === 'postgres' ? passwordOf(database.url) : undefined;
  if (dbPassword) secrets.push(dbPassword);

  return {
    mode: graph ? 'tenant' : 'demo',
    port: port(get('PORT')),
    logLevel: oneOf('LOG_LEVEL', get('LOG_LEVEL') ?? 'info', LOG_LEVELS),
    database,
    ...(graph ? { graph } : {}),
    bot,
    ...(publicUrl ? { publicUrl: publicBaseUrl(publicUrl) } : {}),
    ...(catalogId ? { teamsAppCatalogId: catalogId.toLowerCase() } : {}),
    secrets,
  };
}

function graphConfig(get: (name: string) => string | undefined): GraphConfig | undefined {
  const identity = ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID'].filter((n) => get(n) !== undefined);
  const credentialNames = credentialVariablesSet(get);
  const present = [...identity, ...credentialNames];
  if (present.length === 0) {
    // Endpoint overrides without credentials would silently be ignored in demo mode: say so instead.
    for (const name of ['GRAPH_BASE_URL', 'GRAPH_AUTHORITY_HOST', 'GRAPH_CA_FILE']) {
      if (get(name)) {
        throw new ConfigError(
          name,
          'is set but GRAPH_TENANT_ID, GRAPH_CLIENT_ID and a Graph credential are not: set them for a real tenant, or unset it for demo mode',
        );
      }
    }
    return undefined;
  }
  const credential = graphCredential(get);
  const missing = ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID'].find((n) => get(n) === undefined);
  if (missing) {
    throw new ConfigError(
      missing,
      `is missing: set GRAPH_TENANT_ID, GRAPH_CLIENT_ID and one Graph credential together (or none of them for demo mode); ${present.join(', ')} ${present.length === 1 ? 'is' : 'are'} set`,
    );
  }
  if (!credential) throw missingCredential();
  const tenantId = get('GRAPH_TENANT_ID')!;
  if (!isGuid(tenantId) && !DOMAIN.test(tenantId)) {
    throw new ConfigError(
      'GRAPH_TENANT_ID',
      `must be a tenant GUID or a domain such as contoso.onmicrosoft.com (got "${tenantId}")`,
    );
  }
  const clientId = get('GRAPH_CLIENT_ID')!;
  if (!isGuid(clientId)) {
    throw new ConfigError('GRAPH_CLIENT_ID', `must be the application (client) id, a GUID (got "${clientId}")`);
  }
  const caFile = get('GRAPH_CA_FILE');
  return {
    tenantId,
    clientId,
    credential,
    baseUrl: httpsUrl('GRAPH_BASE_URL', get('GRAPH_BASE_URL') ?? 'https://graph.microsoft.com'),
    authorityHost: httpsUrl('GRAPH_AUTHORITY_HOST', get('GRAPH_AUTHORITY_HOST') ?? 'https://login.microsoftonline.com'),
    ...(caFile ? { ca: pemFile('GRAPH_CA_FILE', caFile) } : {}),
  };
}

function botConfig(get: (name: string) => string | undefined) {
  const type = oneOf('BOT_TYPE', get('BOT_TYPE') ?? 'MultiTenant', BOT_TYPES);
  const id = get('BOT_ID');
  const password = get('BOT_PASSWORD');
  const tenantId = get('BOT_TENANT_ID');
  if (id !== undefined && !isGuid(id)) {
    throw new ConfigError('BOT_ID', `must be the bot's Entra app id, a GUID (got "${id}")`);
  }
  if (tenantId !== undefined && !isGuid(tenantId)) {
    throw new ConfigError('BOT_TENANT_ID', `must be a tenant GUID (got "${tenantId}")`);
  }
  if (id === undefined && password !== undefined) {
    throw new ConfigError(
      'BOT_ID',
      'is missing: BOT_PASSWORD is set, so set BOT_ID too (or unset both for local, unauthenticated use)',
    );
  }
  if (id !== undefined && type !== 'UserAssignedMsi' && password === undefined) {
    throw new ConfigError(
      'BOT_PASSWORD',
      `is missing: BOT_ID is set and BOT_TYPE is ${type}, which authenticates with a client secret`,
    );
  }
  if (id !== undefined && type !== 'MultiTenant' && tenantId === undefined) {
    throw new ConfigError('BOT_TENANT_ID', `is missing: BOT_TYPE ${type} needs the tenant of the bot identity`);
  }
  return {
    type,
    ...(id ? { id } : {}),
    ...(password ? { password } : {}),
    ...(tenantId ? { tenantId } : {}),
  };
}

function databaseConfig(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (!path)
      throw new ConfigError('DATABASE_URL', 'must name a file after "sqlite:", e.g. sqlite:data/steward.sqlite');
    return { type: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { type: 'postgres', url };
  }
  // The value may hold a password: never echo it.
  throw new ConfigError('DATABASE_URL', 'must start with sqlite: or postgres://');
}

function port(value: string | undefined): number {
  if (value === undefined) return 3978;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) {
    throw new ConfigError('PORT', `must be an integer from 0 to 65535 (got "${value}")`);
  }
  return n;
}

function httpsUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `must be an https:// URL (got "${value}")`);
  }
  // @azure/identity refuses plain-HTTP authorities and Graph is HTTPS-only.
  if (url.protocol !== 'https:') throw new ConfigError(name, `must be an https:// URL (got "${value}")`);
  return value.replace(/\/+$/, '');
}

/**
 * PUBLIC_URL: https (Entra accepts plain http redirect URIs on the loopback host only), no query;
 * kept without a trailing slash so paths append cleanly.
 */
function publicBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('PUBLIC_URL', `must be the https:// address people reach this bot at (got "${value}")`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) || url.search || url.hash) {
    throw new ConfigError(
      'PUBLIC_URL',
      `must be an https:// address without query (http:// only for localhost) (got "${value}")`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function pemFile(name: string, path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(name, `must name a readable PEM certificate file (cannot read "${path}")`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(name, `must name a PEM certificate file ("${path}" has no BEGIN CERTIFICATE block)`);
  }
  return text;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!match) throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  return match;
}

function passwordOf(url: string): string | undefined {
  const password = new URL(url).password;
  return password ? decodeURIComponent(password) : undefined;
}
