import { skuAt, Workload } from './catalog-skus';
import { heldSkus, skuIndexes } from './licenses';
import type { Tenant } from './tenant';

/** License Steward's id in the simulated tenant's Teams app catalog (what TEAMS_APP_CATALOG_ID names in demo mode). */
export const STEWARD_CATALOG_APP_ID = '8c1b4e2a-5d7f-4a3e-9b6c-1f2e3d4c5b6a';

/** An app in the personal scope of a user, and the 1:1 chat Teams opens between them. */
export interface Installation {
  readonly id: string;
  readonly appId: string;
  readonly chatId: string;
  readonly installedAtMs: number;
}

/**
 * Teams apps of the simulated tenant: the organisation's app catalog (License Steward alone) and the
 * apps installed for each user. A user can have apps only when a license they hold includes Teams,
 * and `withoutTeams` marks more of them (a test's "user without Teams").
 */
export class TeamsApps {
  readonly catalog = new Map<string, { displayName: string }>([
    [STEWARD_CATALOG_APP_ID, { displayName: 'License Steward' }],
  ]);
  readonly installations = new Map<number, Installation[]>();
  readonly withoutTeams = new Set<number>();

  hasTeams(t: Tenant, i: number): boolean {
    if (this.withoutTeams.has(i)) return false;
    return skuIndexes(heldSkus(t, i)).some((s) => skuAt(s).plans.some((p) => (p.workload & Workload.teams) !== 0));
  }

  of(i: number): readonly Installation[] {
    return this.installations.get(i) ?? [];
  }

  install(t: Tenant, i: number, appId: string, nowMs: number): Installation {
    const userId = t.ids[i] ?? String(i);
    // Graph's installation ids are opaque base64 of the user and the app; so are these.
    const installation = {
      id: Buffer.from(`${userId}##${appId}`).toString('base64url'),
      appId,
      chatId: `19:${userId}_${appId}@unq.gbl.spaces`,
      installedAtMs: nowMs,
    };
    this.installations.set(i, [...this.of(i), installation]);
    return installation;
  }
}
