import type { Activity } from 'botbuilder';
import { isGuid } from '../../config';

/**
 * The one tenant this bot serves. It is the Graph tenant it reads (or the simulator's in demo
 * mode); activities from any other tenant are refused. Configuration may name the tenant by domain
 * (`contoso.onmicrosoft.com`), while activities carry its GUID, so the id can be resolved lazily
 * (e.g. from the `tid` claim of a Graph token) and is cached once known.
 */
export class ServedTenant {
  private resolved?: string;
  private pending?: Promise<string>;

  constructor(private readonly source: string | (() => Promise<string>)) {
    if (typeof source === 'string') this.resolved = source.toLowerCase();
  }

  async id(): Promise<string> {
    if (this.resolved) return this.resolved;
    this.pending ??= (this.source as () => Promise<string>)().then(
      (id) => (this.resolved = id.toLowerCase()),
      (error: unknown) => {
        // Not cached: the next activity tries again (the authority may have been briefly unreachable).
        this.pending = undefined;
        throw error;
      },
    );
    return this.pending;
  }

  /** True when the activity comes from the served tenant. An activity naming no tenant is refused. */
  async serves(activity: Partial<Activity>): Promise<boolean> {
    const tenant = tenantOf(activity);
    return tenant !== undefined && tenant === (await this.id());
  }
}

/**
 * The tenant an activity comes from. Teams puts it in `conversation.tenantId` and in
 * `channelData.tenant.id`; when both are present they must agree, otherwise neither is trusted.
 */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromConversation =
    typeof activity.conversation?.tenantId === 'string' ? activity.conversation.tenantId.toLowerCase() : undefined;
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id.toLowerCase() : undefined;
  if (fromConversation && fromChannelData && fromConversation !== fromChannelData) return undefined;
  return fromConversation ?? fromChannelData;
}

/** The `tid` claim of a JWT access token (read, not verified: it is our own token from the authority). */
export function tenantIdOfToken(jwt: string): string {
  const payload = jwt.split('.')[1] ?? '';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { tid?: unknown };
  if (typeof claims.tid !== 'string' || !claims.tid)
    throw new Error('The Graph access token carries no tenant id (tid)');
  return claims.tid;
}

/**
 * The served tenant from configuration: the GUID itself, or (for a domain such as
 * `contoso.onmicrosoft.com`) a resolver reading the `tid` claim of the app's Graph token.
 */
export function servedTenantSource(configured: string, token: () => Promise<string>): string | (() => Promise<string>) {
  return isGuid(configured) ? configured : async () => tenantIdOfToken(await token());
}
