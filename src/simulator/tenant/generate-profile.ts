import { DAY_MS } from '../clock';
import type { Rng } from '../util/random';
import { Group } from './catalog-groups';
import { COUNTRIES, DEPARTMENTS, FIRST_NAMES, JOB_TITLES, LAST_NAMES, PLACES } from './catalog-names';
import { Sku } from './catalog-skus';
import { NAMED_PEOPLE } from './named-people';
import {
  GUEST_SCENARIO_WEIGHTS,
  MEMBER_SCENARIO_WEIGHTS,
  Scenario,
  SPAN_DAYS,
  pickWeighted,
  type ScenarioId,
} from './scenarios';
import { Flag, Tenant, UserKind } from './tenant';

/** Decides who each user is: kind, names, licenses, flags and scenario. Activity comes afterwards. */
export interface Profiler {
  readonly rng: Rng;
  readonly nameCounts: Uint16Array;
  readonly placeCounts: Uint16Array;
  readonly managers: number[];
}

/** Directory objects created before June 2018 may have a null createdDateTime (docs/graph-behaviour.md §2.1). */
const JUNE_2018 = Date.UTC(2018, 5, 1);

const BASE_LICENSES: readonly (readonly [number, number])[] = [
  [Sku.m365E3, 0.42],
  [Sku.m365E5, 0.07],
  [Sku.o365E3, 0.05],
  [Sku.o365E5, 0.02],
  [Sku.businessBasic, 0.08],
  [Sku.businessStandard, 0.07],
  [Sku.businessPremium, 0.05],
  [Sku.exchangeP1, 0.04],
];
const INACTIVE: readonly ScenarioId[] = [
  Scenario.inactive30,
  Scenario.inactive60,
  Scenario.inactive90,
  Scenario.inactive180,
  Scenario.inactive365,
];

/** Returns the activity span in days for the user's scenario. */
export function profileNamed(t: Tenant, i: number): number {
  const p = NAMED_PEOPLE[i];
  if (!p) throw new RangeError(`no named person at ${i}`);
  const anchor = t.identity.anchorMs;
  t.kind[i] = UserKind.member;
  t.scenario[i] = p.scenario;
  t.createdMs[i] = anchor - p.createdDaysAgo * DAY_MS;
  t.licensedMs[i] = t.createdMs[i]! + DAY_MS;
  t.directSkus[i] = p.directSkus.reduce((mask, s) => mask | (1 << s), 0);
  t.groups[i] = p.groups.reduce((mask, g) => mask | (1 << g), 0);
  // The people who still work registered MFA; the idle ones never did, so the demo shows them as
  // reclaimable (docs/product-rules.md R22 keeps MFA users out of the inactive proposals).
  const mfa = p.activeDaysAgo < 30 && p.scenario !== Scenario.neverOld && p.scenario !== Scenario.neverNew;
  t.flags[i] =
    Flag.usageLocation |
    Flag.mailbox |
    (mfa ? Flag.mfaRegistered : 0) |
    (p.enabled ? Flag.enabled : 0) |
    (p.admin ? Flag.admin : 0);
  if (p.scenario === Scenario.neverOld) t.setFlag(i, Flag.zeroSignIn, true);
  const managerIndex = p.manager === null ? -1 : NAMED_PEOPLE.findIndex((m) => m.key === p.manager);
  t.manager[i] = managerIndex;
  return p.activeDaysAgo;
}

export function profileRandom(t: Tenant, i: number, pr: Profiler): number {
  const r = pr.rng.next();
  if (r < 0.05) return guest(t, i, pr);
  if (r < 0.06) return mailbox(t, i, pr, UserKind.room);
  if (r < 0.075) return mailbox(t, i, pr, UserKind.shared);
  return member(t, i, pr);
}

function person(t: Tenant, i: number, pr: Profiler): void {
  const a = pr.rng.int(FIRST_NAMES.length);
  const b = pr.rng.int(LAST_NAMES.length);
  const key = a * LAST_NAMES.length + b;
  t.nameA[i] = a;
  t.nameB[i] = b;
  t.suffix[i] = pr.nameCounts[key] ?? 0;
  pr.nameCounts[key] = (pr.nameCounts[key] ?? 0) + 1;
  t.country[i] = pr.rng.int(COUNTRIES.length);
}

function span(pr: Profiler, scenario: ScenarioId): number {
  const range = SPAN_DAYS[scenario];
  return range ? pr.rng.between(range[0], range[1]) : 0;
}

function created(t: Tenant, i: number, pr: Profiler, scenario: ScenarioId, ago: number): void {
  const days =
    scenario === Scenario.neverNew
      ? pr.rng.between(0.5, 29)
      : scenario === Scenario.neverOld
        ? pr.rng.between(31, 1500)
        : ago + pr.rng.between(10, 1800);
  t.createdMs[i] = t.identity.anchorMs - days * DAY_MS;
  t.licensedMs[i] = t.createdMs[i]! + pr.rng.between(0, 10) * DAY_MS;
}

function member(t: Tenant, i: number, pr: Profiler): number {
  const { rng } = pr;
  person(t, i, pr);
  t.kind[i] = UserKind.member;
  t.title[i] = rng.int(JOB_TITLES.length);
  t.department[i] = rng.int(DEPARTMENTS.length);
  const blocked = rng.chance(0.04);
  const scenario = blocked ? rng.pick(INACTIVE) : pickWeighted(rng.next(), MEMBER_SCENARIO_WEIGHTS);
  t.scenario[i] = scenario;
  const ago = span(pr, scenario);
  created(t, i, pr, scenario, ago);
  memberLicenses(t, i, rng);
  if (blocked && rng.chance(0.5)) {
    t.directSkus[i] = 0;
    t.groups[i] = 0;
  }
  const licensed = t.directSkus[i] !== 0 || t.groups[i] !== 0;
  const active = scenario <= Scenario.activeMonth || scenario === Scenario.reportOnly;
  const never = scenario === Scenario.neverOld || scenario === Scenario.neverNew;
  const synced = rng.chance(0.35);
  t.flags[i] =
    (blocked ? 0 : Flag.enabled) |
    (licensed || rng.chance(0.7) ? Flag.usageLocation : 0) |
    (licensed ? Flag.mailbox : 0) |
    (synced ? Flag.synced : 0) |
    (synced && (t.createdMs[i] ?? 0) < JUNE_2018 && rng.chance(0.3) ? Flag.nullCreated : 0) |
    (rng.chance(never ? 0.05 : active ? 0.85 : 0.5) ? Flag.mfaRegistered : 0) |
    (rng.chance(never ? 0.05 : 0.6) ? Flag.ssprRegistered : 0) |
    (rng.chance(0.01) ? Flag.admin : 0) |
    (never && rng.chance(0.5) ? Flag.zeroSignIn : 0);
  if (rng.chance(0.01)) t.groups[i] = (t.groups[i] ?? 0) | (1 << Group.excluded);
  // A few staff in Executive Leadership, a group nested in the exclusion group (by index: no draw, so the rest of the tenant is unchanged).
  if (i % 151 === 17) t.groups[i] = (t.groups[i] ?? 0) | (1 << Group.executives);
  t.manager[i] = rng.pick(pr.managers);
  if (rng.chance(0.12)) pr.managers.push(i);
  return ago;
}

function memberLicenses(t: Tenant, i: number, rng: Rng): void {
  let r = rng.next();
  let base = -1;
  for (const [sku, weight] of BASE_LICENSES) {
    if (r < weight) {
      base = sku;
      break;
    }
    r -= weight;
  }
  if (base < 0) return;
  let direct = 1 << base;
  let groups = 0;
  if (base === Sku.m365E3 && rng.chance(0.45)) {
    groups |= 1 << Group.e3;
    if (!rng.chance(0.04)) direct = 0;
  }
  if (rng.chance(0.12)) {
    if (rng.chance(0.4)) groups |= 1 << Group.powerBi;
    else direct |= 1 << Sku.powerBiPro;
  }
  if (rng.chance(0.04)) direct |= 1 << Sku.visio;
  if (rng.chance(0.03)) direct |= 1 << Sku.project;
  if (rng.chance(0.03)) direct |= 1 << Sku.dynamics;
  // Copilot is bought for a share of the E3/E5 staff (a pilot, then a rollout): about one user in twenty.
  if ((base === Sku.m365E3 || base === Sku.m365E5) && rng.chance(0.1)) direct |= 1 << Sku.copilot;
  const hasP1 = base === Sku.m365E3 || base === Sku.m365E5 || base === Sku.businessPremium;
  if (!hasP1 && rng.chance(0.25)) {
    if (rng.chance(0.5)) groups |= 1 << Group.entraP1;
    else direct |= 1 << Sku.entraP1;
  }
  t.directSkus[i] = direct;
  t.groups[i] = groups;
}

function guest(t: Tenant, i: number, pr: Profiler): number {
  person(t, i, pr);
  t.kind[i] = UserKind.guest;
  const scenario = pickWeighted(pr.rng.next(), GUEST_SCENARIO_WEIGHTS);
  t.scenario[i] = scenario;
  const ago = span(pr, scenario);
  created(t, i, pr, scenario, ago);
  const licensed = pr.rng.chance(0.04);
  if (licensed) t.directSkus[i] = 1 << Sku.businessBasic;
  t.flags[i] =
    (pr.rng.chance(0.97) ? Flag.enabled : 0) |
    (licensed ? Flag.usageLocation : 0) |
    (pr.rng.chance(0.3) ? Flag.mfaRegistered : 0);
  return ago;
}

/** Room and shared mailboxes: sign-in blocked by default, used by others, sometimes needlessly licensed. */
function mailbox(t: Tenant, i: number, pr: Profiler, kind: number): number {
  const { rng } = pr;
  t.kind[i] = kind;
  const list = kind === UserKind.room ? PLACES.length : DEPARTMENTS.length;
  const a = rng.int(list);
  const key = kind === UserKind.room ? a : PLACES.length + a;
  t.nameA[i] = a;
  pr.placeCounts[key] = (pr.placeCounts[key] ?? 0) + 1;
  t.suffix[i] = pr.placeCounts[key] ?? 1;
  t.country[i] = rng.int(COUNTRIES.length);
  t.scenario[i] = Scenario.mailboxOnly;
  const ago = span(pr, Scenario.mailboxOnly);
  t.createdMs[i] = t.identity.anchorMs - rng.between(100, 2000) * DAY_MS;
  t.licensedMs[i] = t.createdMs[i]!;
  const licensed = rng.chance(kind === UserKind.room ? 0.1 : 0.15);
  if (licensed) t.directSkus[i] = 1 << (kind === UserKind.room ? Sku.exchangeP1 : Sku.m365E3);
  t.flags[i] =
    Flag.mailbox |
    (licensed ? Flag.usageLocation : 0) |
    (kind === UserKind.shared && rng.chance(0.1) ? Flag.enabled : 0);
  return ago;
}
