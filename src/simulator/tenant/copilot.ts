import { DAY_MS } from '../clock';
import type { Rng } from '../util/random';
import { Sku } from './catalog-skus';
import { heldSkus, setAssignedAt } from './licenses';
import { Flag, Tenant } from './tenant';

/**
 * Microsoft 365 Copilot use: per holder of the Copilot SKU, when it was assigned and when they last
 * used Copilot in each app of the Copilot usage report. Adoption as tenants see it: most holders
 * enabled, fewer active, and the apps used unevenly (Teams and Copilot Chat most, Loop least).
 */
export const COPILOT_APPS = ['teams', 'word', 'excel', 'powerPoint', 'outlook', 'oneNote', 'loop', 'chat'] as const;
export type CopilotAppName = (typeof COPILOT_APPS)[number];

/** How often an active holder uses each app (COPILOT_APPS order). */
const APP_USE = [0.7, 0.4, 0.2, 0.25, 0.45, 0.08, 0.05, 0.65];

export const holdsCopilot = (t: Tenant, i: number): boolean => (heldSkus(t, i) & (1 << Sku.copilot)) !== 0;

/** The holder's last use per app (0: never), created on first write. */
export function copilotUse(t: Tenant, i: number): Float64Array {
  let use = t.copilotLast.get(i);
  if (!use) {
    use = new Float64Array(COPILOT_APPS.length);
    t.copilotLast.set(i, use);
  }
  return use;
}

export function lastCopilotUse(t: Tenant, i: number): number {
  const use = t.copilotLast.get(i);
  return use ? Math.max(0, ...use) : 0;
}

/**
 * A holder's Copilot history, from their own generator (so the rest of the tenant is unchanged):
 * assigned after their base license; about a quarter never tried it, a fifth tried it and stopped,
 * the rest use it, never after their last activity anywhere. Blocked accounts use nothing.
 */
export function generateCopilot(t: Tenant, i: number, rng: Rng, lastActiveMs: number): void {
  if (!holdsCopilot(t, i)) return;
  const anchor = t.identity.anchorMs;
  const licensed = t.licensedMs[i] ?? anchor;
  const assigned = Math.max(licensed, anchor - rng.between(3, 240) * DAY_MS);
  setAssignedAt(t, i, Sku.copilot, Math.floor(assigned / 1000) * 1000);
  const r = rng.next();
  if (r < 0.25 || !t.has(i, Flag.enabled) || lastActiveMs <= assigned) return;
  const sinceAssigned = (lastActiveMs - assigned) / DAY_MS;
  // Tried and stopped: last use well behind; active: within the last few weeks of their activity.
  const behind =
    r < 0.45 ? rng.between(Math.min(31, sinceAssigned), sinceAssigned) : rng.between(0, Math.min(21, sinceAssigned));
  const last = lastActiveMs - behind * DAY_MS;
  const use = copilotUse(t, i);
  let any = false;
  APP_USE.forEach((p, a) => {
    if (!rng.chance(p)) return;
    use[a] = Math.floor(Math.max(assigned, last - (any ? rng.between(0, 25) : 0) * DAY_MS) / 1000) * 1000;
    any = true;
  });
  if (!any) use[COPILOT_APPS.indexOf('chat')] = Math.floor(last / 1000) * 1000;
}

/** The user uses Copilot now (or at `atMs`) in `apps` (default Teams). */
export function markCopilotUse(t: Tenant, i: number, atMs: number, apps: readonly CopilotAppName[] = ['teams']): void {
  const use = copilotUse(t, i);
  for (const app of apps) {
    const a = COPILOT_APPS.indexOf(app);
    use[a] = Math.max(use[a] ?? 0, Math.floor(atMs / 1000) * 1000);
  }
}
