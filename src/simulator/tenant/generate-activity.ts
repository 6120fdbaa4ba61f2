import { DAY_MS } from '../clock';
import type { Rng } from '../util/random';
import { GeneralApp, TRACKED_APP_INDEX } from './catalog-apps';
import { Sku, Workload } from './catalog-skus';
import { heldSkus, licensedWorkloads } from './licenses';
import { Scenario } from './scenarios';
import type { SignInLogBuilder } from './sign-in-log';
import { Flag, Tenant, UserKind } from './tenant';

/** Sign-ins are generated for the longest retention (30 days with Entra ID P1, docs/graph-behaviour.md §6). */
export const SIGN_IN_WINDOW_DAYS = 30;

/** Report workloads (Tenant.workloadLast order) with the license bit and how often licensees use them. */
const WORKLOAD_USE: readonly { readonly bit: number; readonly p: number; readonly app: number }[] = [
  { bit: Workload.exchange, p: 0.95, app: GeneralApp.exchange },
  { bit: Workload.oneDrive, p: 0.7, app: GeneralApp.sharePoint },
  { bit: Workload.sharePoint, p: 0.6, app: GeneralApp.sharePoint },
  { bit: Workload.skype, p: 0.04, app: GeneralApp.officeHome },
  { bit: Workload.yammer, p: 0.1, app: GeneralApp.officeHome },
  { bit: Workload.teams, p: 0.85, app: GeneralApp.teams },
];

/** SKU masks that license each tracked sign-in app (Dynamics 365, Power BI, Project, Visio). */
const TRACKED_LICENSE: readonly number[] = [
  1 << Sku.dynamics,
  (1 << Sku.powerBiPro) | (1 << Sku.m365E5) | (1 << Sku.o365E5),
  1 << Sku.project,
  1 << Sku.visio,
];

const FAILED_PASSWORD = 1;
const ACCOUNT_DISABLED = 4;
const STRONG_AUTH = 3;

const second = (ms: number) => Math.floor(ms / 1000) * 1000;

/**
 * Fills one user's activity so that every surface agrees: signInActivity, the sign-in log (only the
 * last 30 days exist), the usage reports (workload dates) and tracked-app use from sign-ins.
 */
export function generateActivity(t: Tenant, i: number, rng: Rng, log: SignInLogBuilder, agoDays: number): void {
  const anchor = t.identity.anchorMs;
  const windowStart = anchor - SIGN_IN_WINDOW_DAYS * DAY_MS;
  const scenario = t.scenario[i];
  const lastActive = second(anchor - agoDays * DAY_MS);
  if (t.kind[i] === UserKind.room || t.kind[i] === UserKind.shared) {
    t.workloadLast[0]![i] = lastActive;
    return;
  }
  if (scenario === Scenario.neverOld || scenario === Scenario.neverNew || scenario === Scenario.dormant) return;

  const licensed = licensedWorkloads(t, i);
  const withApps = scenario !== Scenario.signInOnly && licensed !== 0;
  let interactive = second(lastActive - rng.between(0, 0.4) * DAY_MS);
  if (scenario === Scenario.reportOnly) interactive = second(anchor - rng.between(35, 80) * DAY_MS);
  if (scenario === Scenario.signInOnly || !withApps) interactive = lastActive;
  const failedOnly = scenario === Scenario.failedOnly;
  const successCeiling = failedOnly ? lastActive : interactive;

  const apps = withApps ? fillWorkloads(t, i, rng, licensed, lastActive) : [GeneralApp.officeHome];
  const tracked = fillTrackedApps(t, i, rng, successCeiling);
  t.lastNonInteractive[i] = withApps ? lastActive : 0;

  successEvents(log, rng, i, successCeiling, windowStart, apps);
  for (const [k, at] of tracked) trackedEvents(log, rng, i, TRACKED_APP_INDEX[k] ?? 0, at, windowStart);

  let lastAttempt = successCeiling;
  if (failedOnly) {
    lastAttempt = second(anchor - rng.between(0.5, 20) * DAY_MS);
    failureEvents(log, rng, i, lastAttempt, windowStart, apps);
  } else if (!t.has(i, Flag.enabled) && rng.chance(0.3)) {
    // Blocked people still try: Entra logs the attempt as a failure and lastSignInDateTime moves.
    lastAttempt = second(anchor - rng.between(0.5, 25) * DAY_MS);
    log.add(lastAttempt, i, GeneralApp.officeHome, ACCOUNT_DISABLED);
  }
  t.lastInteractive[i] = Math.max(lastAttempt, successCeiling);
  t.lastSuccess[i] = Math.max(successCeiling, t.lastNonInteractive[i] ?? 0);
}

function fillWorkloads(t: Tenant, i: number, rng: Rng, licensed: number, lastActive: number): number[] {
  const apps: number[] = [];
  let primaryDone = false;
  WORKLOAD_USE.forEach((use, w) => {
    if (!(licensed & use.bit)) return;
    const primary = !primaryDone;
    if (!primary && !rng.chance(use.p)) return;
    primaryDone = true;
    t.workloadLast[w]![i] = primary ? lastActive : second(lastActive - rng.between(0, 20) * DAY_MS);
    apps.push(use.app);
  });
  if (licensed & Workload.officeApps) apps.push(GeneralApp.office);
  return apps;
}

function fillTrackedApps(t: Tenant, i: number, rng: Rng, ceiling: number): [number, number][] {
  const held = heldSkus(t, i);
  const used: [number, number][] = [];
  TRACKED_LICENSE.forEach((mask, k) => {
    if (!(held & mask) || !rng.chance(0.75)) return;
    const at = Math.max(t.createdMs[i] ?? 0, second(ceiling - rng.between(0, 40) * DAY_MS));
    t.appLast[k]![i] = at;
    used.push([k, at]);
  });
  return used;
}

function successEvents(
  log: SignInLogBuilder,
  rng: Rng,
  i: number,
  newest: number,
  windowStart: number,
  apps: number[],
): void {
  for (let at = newest; at >= windowStart; at = second(at - rng.between(1, 6) * DAY_MS)) {
    log.add(at, i, rng.pick(apps), 0);
    if (rng.chance(0.05))
      log.add(at - rng.between(2, 10) * 60_000, i, rng.pick(apps), rng.chance(0.5) ? FAILED_PASSWORD : STRONG_AUTH);
  }
}

function failureEvents(
  log: SignInLogBuilder,
  rng: Rng,
  i: number,
  newest: number,
  windowStart: number,
  apps: number[],
): void {
  for (let at = newest; at >= windowStart; at = second(at - rng.between(1, 5) * DAY_MS)) {
    log.add(at, i, rng.pick(apps), 1 + rng.int(2));
  }
}

function trackedEvents(
  log: SignInLogBuilder,
  rng: Rng,
  i: number,
  app: number,
  newest: number,
  windowStart: number,
): void {
  for (let at = newest; at >= windowStart; at = second(at - rng.between(2, 9) * DAY_MS)) log.add(at, i, app, 0);
}
