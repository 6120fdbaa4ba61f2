import {
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type AccessToken,
  type GetTokenOptions,
  type TokenCredential,
} from '@azure/identity';
import type { GraphConfig, GraphCredential } from '../config';

const MICROSOFT_AUTHORITY = 'https://login.microsoftonline.com';
/** What a managed identity asks for when its token is to be presented as a federated credential. */
const TOKEN_EXCHANGE_SCOPE = 'api://AzureADTokenExchange/.default';

export type CredentialKind = GraphCredential['kind'];

/** How each credential kind is named to admins (`permissions`, the start banner). */
export const CREDENTIAL_LABELS: Readonly<Record<CredentialKind, string>> = {
  secret: 'client secret',
  certificate: 'certificate (signed client assertion)',
  managedIdentity: 'managed identity (workload identity federation)',
};

/**
 * The @azure/identity credential for the configured kind. Certificate: MSAL signs a fresh client
 * assertion with the private key. Managed identity: the identity's token for
 * api://AzureADTokenExchange is the app registration's client assertion, which Entra accepts through
 * the federated credential on the registration; the identity endpoint is App Service's own
 * (IDENTITY_ENDPOINT / IDENTITY_HEADER, which @azure/identity reads from the environment itself).
 */
export function credentialFor(config: GraphConfig): TokenCredential {
  const options = {
    authorityHost: config.authorityHost,
    // Instance discovery asks Microsoft's cloud about the authority: meaningless for (and unreachable
    // from) a local or sovereign authority host (docs/local-endpoints.md §4).
    ...(config.authorityHost !== MICROSOFT_AUTHORITY ? { disableInstanceDiscovery: true } : {}),
    ...(config.ca ? { tlsOptions: { ca: config.ca } } : {}),
  };
  const c = config.credential;
  switch (c.kind) {
    case 'secret':
      return new ClientSecretCredential(config.tenantId, config.clientId, c.clientSecret, options);
    case 'certificate':
      return new ClientCertificateCredential(
        config.tenantId,
        config.clientId,
        {
          certificatePath: c.certificatePath,
          ...(c.certificatePassword !== undefined ? { certificatePassword: c.certificatePassword } : {}),
        },
        options,
      );
    case 'managedIdentity': {
      const identity = new ManagedIdentityCredential({ clientId: c.managedIdentityClientId });
      const assertion = async () => (await identity.getToken(TOKEN_EXCHANGE_SCOPE)).token;
      return new ClientAssertionCredential(config.tenantId, config.clientId, assertion, options);
    }
  }
}

/** A credential that can start over: a new one has an empty token cache. */
class RenewableCredential implements TokenCredential {
  private current: TokenCredential;

  constructor(private readonly make: () => TokenCredential) {
    this.current = make();
  }

  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    return this.current.getToken(scopes, options);
  }

  renew(): void {
    this.current = this.make();
  }
}

/**
 * Client-credentials tokens for Graph. @azure/identity caches the token and asks for a new one
 * shortly before expiry. The granted application permissions are read from the token's `roles`
 * claim, so a task knows before calling what it will have to skip.
 */
export class GraphAuth {
  readonly credential: TokenCredential;
  readonly scope: string;
  readonly kind: CredentialKind;
  private readonly renewable: RenewableCredential;

  constructor(config: GraphConfig) {
    this.renewable = new RenewableCredential(() => credentialFor(config));
    this.credential = this.renewable;
    this.scope = graphScope(config.baseUrl);
    this.kind = config.credential.kind;
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

  /**
   * Drops the cached token: the next one is asked for afresh. Entra puts newly consented permissions
   * only in tokens issued after the consent, and a cached token lives an hour.
   */
  renew(): void {
    this.renewable.renew();
  }
}

/** Graph hosts of the national clouds: a token for one of them names that host as its resource. */
const GRAPH_HOSTS = [
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
];

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
