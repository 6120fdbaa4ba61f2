import { z } from 'zod';
import type { Logger } from '../../logging/logger';
import type { AuditedSettings, UsersDirectory } from '../../store';

/** The Setting key holding who administers License Steward. */
export const ADMINS_SETTING = 'admins';

const id = z
  .string()
  .trim()
  .min(1)
  .max(320)
  .transform((v) => v.toLowerCase());

/**
 * `{ users, groups }`: Entra object ids (or UPNs) of admins, and ids of groups whose members
 * (transitively) are admins. Kept in the settings table, so it is the same on every instance.
 */
export const adminsSchema = z
  .object({ users: z.array(id).max(500).default([]), groups: z.array(id).max(100).default([]) })
  .strict();
export type Admins = z.infer<typeof adminsSchema>;

export interface AdminCheck {
  admin: boolean;
  /** Why not, in words for the refusal card. */
  reason?: string;
}

export interface AdminDirectoryOptions {
  /** Where the `admins` setting is kept, each change audited. */
  settings: Pick<AuditedSettings, 'get' | 'replace'>;
  /** To match a caller with admins named by UPN. */
  users: Pick<UsersDirectory, 'byId'>;
  log: Logger;
  now: () => Date;
  /** Ids of the groups a user belongs to, nested groups included (Graph `transitiveMemberOf`). */
  memberGroups(userId: string): Promise<string[]>;
  /** Used while no `admins` setting exists (demo mode names the demo tenant's license admin). */
  fallback?: Admins;
  /** How long a user's group memberships are trusted before asking Graph again. Default 5 minutes. */
  cacheMs?: number;
}

/**
 * Who may run the admin-only commands (`sync`, `policy`, `reclaim`, `digest subscribe`): checked
 * on the server for every request against the caller's Entra object id, never trusted from a card.
 */
export class AdminDirectory {
  private readonly groupCache = new Map<string, { at: number; groups: Set<string> }>();

  constructor(private readonly options: AdminDirectoryOptions) {}

  /** The configured admins; the fallback (or nobody) while none are configured. */
  async configured(): Promise<Admins & { source: 'settings' | 'default' }> {
    const row = await this.options.settings.get(ADMINS_SETTING);
    if (row) {
      const parsed = adminsSchema.safeParse(row.value);
      if (parsed.success) return { ...parsed.data, source: 'settings' };
      this.options.log.error(
        { issues: parsed.error.issues },
        'the admins setting is malformed; nobody is admin until it is fixed',
      );
      return { users: [], groups: [], source: 'settings' };
    }
    return {
      users: this.options.fallback?.users ?? [],
      groups: this.options.fallback?.groups ?? [],
      source: 'default',
    };
  }

  async check(aadObjectId: string | undefined): Promise<AdminCheck> {
    if (!aadObjectId)
      return { admin: false, reason: 'Teams did not say who you are (no Entra object id on the message).' };
    const userId = aadObjectId.toLowerCase();
    const admins = await this.configured();
    if (!admins.users.length && !admins.groups.length) {
      return {
        admin: false,
        reason:
          'No License Steward admins are configured yet. An operator names them with `npm run admins` (see README).',
      };
    }
    if (admins.users.includes(userId)) return { admin: true };
    if (admins.users.some((u) => u.includes('@'))) {
      const user = await this.options.users.byId(userId);
      if (user && admins.users.includes(user.userPrincipalName.toLowerCase())) return { admin: true };
    }
    if (admins.groups.length) {
      try {
        const groups = await this.groupsOf(userId);
        if (admins.groups.some((g) => groups.has(g))) return { admin: true };
      } catch (error) {
        this.options.log.warn({ err: error, userId }, 'could not read group memberships for the admin check');
        return {
          admin: false,
          reason:
            'I could not check your membership of the admin groups in Microsoft Entra ID; please try again later.',
        };
      }
    }
    return { admin: false, reason: 'You are not a License Steward admin (neither named nor in an admin group).' };
  }

  /** Replaces the admins, with an audit row saying who did it. */
  async set(admins: Admins, actor: string): Promise<void> {
    const value = adminsSchema.parse(admins);
    await this.options.settings.replace(ADMINS_SETTING, value, { actor, at: this.options.now(), action: 'admins.set' });
    this.groupCache.clear();
  }

  private async groupsOf(userId: string): Promise<Set<string>> {
    const now = this.options.now().getTime();
    const cached = this.groupCache.get(userId);
    if (cached && now - cached.at < (this.options.cacheMs ?? 5 * 60_000)) return cached.groups;
    const groups = new Set((await this.options.memberGroups(userId)).map((g) => g.toLowerCase()));
    this.groupCache.set(userId, { at: now, groups });
    return groups;
  }
}
