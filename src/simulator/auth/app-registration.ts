import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import { isRole, REQUESTED_PERMISSIONS, type Role } from './roles';

/** A workload identity federation trust: tokens from this issuer about this subject stand for the app. */
export interface FederatedCredential {
  readonly issuer: string;
  readonly subject: string;
  readonly audiences: readonly string[];
}

/**
 * The one app registration the simulated tenant knows, and what an admin consented to. Grants change
 * at run time (the permission faults). Real Graph reads roles from the token, so a change reaches an
 * app only with its next token; in 'immediate' mode (the default) calls are checked against the
 * current grants instead, because clients cache tokens for an hour and tests cannot wait for that.
 * `invalidateTokens` makes every token issued so far fail with 401.
 */
export type PermissionMode = 'immediate' | 'nextToken';

export class AppRegistration {
  private readonly grants: Set<Role>;
  private generation = 1;
  /** Public keys of the uploaded certificates, by `sha1:<x5t>` and `sha256:<x5t#S256>`. */
  private readonly certificateKeys = new Map<string, KeyObject>();
  /** `jti` of every certificate assertion accepted, until it expires: each is good once. */
  private readonly spentAssertions = new Map<string, number>();
  federatedCredentials: FederatedCredential[] = [];
  /** The application permissions the registration requests: what admin consent grants. */
  requested: readonly Role[] = REQUESTED_PERMISSIONS;
  /** Where admin consent may send the browser back to (loopback ports are not compared, as in Entra). */
  redirectUris: string[] = [];

  constructor(
    readonly tenantId: string,
    readonly domain: string,
    readonly clientId: string,
    readonly clientSecret: string,
    grants: readonly Role[],
    public permissionMode: PermissionMode,
  ) {
    this.grants = new Set(grants);
  }

  get tokenGeneration(): number {
    return this.generation;
  }

  granted(): Role[] {
    return [...this.grants].sort();
  }

  grant(roles: readonly string[]): void {
    for (const role of roles) if (isRole(role)) this.grants.add(role);
  }

  revoke(roles: readonly string[]): void {
    for (const role of roles) if (isRole(role)) this.grants.delete(role);
  }

  invalidateTokens(): void {
    this.generation++;
  }

  /** The roles a call is checked against, given the roles its token carries. */
  effectiveRoles(tokenRoles: readonly string[]): ReadonlySet<string> {
    return this.permissionMode === 'immediate' ? this.grants : new Set(tokenRoles);
  }

  /** Uploads a certificate (PEM): assertions signed with its key and naming its thumbprint are accepted. */
  addCertificate(certificatePem: string): void {
    const certificate = new X509Certificate(certificatePem);
    this.certificateKeys.set(
      `sha1:${createHash('sha1').update(certificate.raw).digest('base64url')}`,
      certificate.publicKey,
    );
    this.certificateKeys.set(
      `sha256:${createHash('sha256').update(certificate.raw).digest('base64url')}`,
      certificate.publicKey,
    );
  }

  certificateKey(thumbprint: { sha1?: string; sha256?: string }): KeyObject | undefined {
    return (
      (thumbprint.sha256 && this.certificateKeys.get(`sha256:${thumbprint.sha256}`)) ||
      (thumbprint.sha1 && this.certificateKeys.get(`sha1:${thumbprint.sha1}`)) ||
      undefined
    );
  }

  /** Records an assertion's `jti`; false when it was presented before (and has not expired since). */
  spendAssertion(jti: string, expiresMs: number, nowMs: number): boolean {
    for (const [id, until] of this.spentAssertions) if (until < nowMs) this.spentAssertions.delete(id);
    if (this.spentAssertions.has(jti)) return false;
    this.spentAssertions.set(jti, expiresMs);
    return true;
  }

  acceptsRedirect(uri: string): boolean {
    let given: URL;
    try {
      given = new URL(uri);
    } catch {
      return false;
    }
    const loopback = (u: URL) => u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
    return this.redirectUris.some((registered) => {
      const r = new URL(registered);
      if (loopback(r) && loopback(given))
        return r.hostname === given.hostname && r.pathname === given.pathname && !given.search;
      return registered === uri;
    });
  }

  knowsTenant(tenant: string): boolean {
    const lower = tenant.toLowerCase();
    return lower === this.tenantId || lower === this.domain;
  }
}
