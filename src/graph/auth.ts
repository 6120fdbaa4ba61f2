import { ClientSecretCredential, type AccessToken } from '@azure/identity';
import type { GraphConfig } from '../config';

const MICROSOFT_AUTHORITY = 'https://login.microsoftonline.com';

/**
 * Client-credentials tokens for Graph. @azure/identity caches the token and asks for a new one
 * shortly before expiry. The granted application permissions are read from the token's `roles`
 * claim, so a task knows before calling what it will have to skip.
 */
export class GraphAuth {
  readonly credential: ClientSecretCredential;
  readonly scope: string;

  constructor(config: GraphConfig) {
    const custom = config.authorityHost !== MICROSOFT_AUTHORITY;
    this.credential = new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret, {
      authorityHost: config.authorityHost,
      // Instance discovery asks Microsoft's cloud about the authority: meaningless for (and unreachable
      // from) a local or sovereign authority host (local-endpoints.md).
      ...(custom ? { disableInstanceDiscovery: true } : {}),
      ...(config.ca ? { tlsOptions: { ca: config.ca } } : {}),
    });
    this.scope = graphScope(config.baseUrl);
  }

  async token(): Promise<AccessToken> {
    const token = await this.credential.getToken(this.scope);
    if (!token) throw new Error('The authority returned no access token');
    return token;
  }

  /** Application permissions granted to the app, from the current token's `roles` claim. */
  async roles(): Promise<Set<string>> {
    return new Set(rolesOf((await this.token()).token));
  }
}

/** Graph hosts of the national clouds: a token for one of them names that host as its resource. */
const GRAPH_HOSTS = ['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn'];

/**
 * The client-credentials scope. The token's audience is Graph itself, whatever address serves it
 * (a local simulator or a proxy), so an unknown host gets the global Graph resource.
 */
export function graphScope(baseUrl: string): string {
  const url = new URL(baseUrl);
  return GRAPH_HOSTS.includes(url.hostname) ? `${url.origin}/.default` : 'https://graph.microsoft.com/.default';
}

/** The `roles` claim of a JWT access token (no signature check: we only read our own token). */
export function rolesOf(jwt: string): string[] {
  const payload = jwt.split('.')[1];
  if (!payload) return [];
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown };
    return Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}
