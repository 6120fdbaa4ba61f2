import { isRole, type Role } from './roles';

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

  knowsTenant(tenant: string): boolean {
    const lower = tenant.toLowerCase();
    return lower === this.tenantId || lower === this.domain;
  }
}
