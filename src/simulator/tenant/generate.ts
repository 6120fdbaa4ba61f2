import { DAY_MS } from '../clock';
import { derivedGuid } from '../util/guid';
import { Rng, hash32 } from '../util/random';
import { PLACES, DEPARTMENTS, FIRST_NAMES, LAST_NAMES } from './catalog-names';
import { Sku, SKUS } from './catalog-skus';
import { generateCopilot, markCopilotUse } from './copilot';
import { generateActivity, SIGN_IN_WINDOW_DAYS } from './generate-activity';
import { profileNamed, profileRandom, type Profiler } from './generate-profile';
import { recountConsumed, setAssignedAt } from './licenses';
import { NAMED_PEOPLE } from './named-people';
import { Scenario } from './scenarios';
import { lastActivity } from './truth-categories';
import { SignInLogBuilder } from './sign-in-log';
import { Flag, Tenant, UserKind, type TenantIdentity } from './tenant';
import { userPrincipalName } from './user-fields';

/** Beta /users also lists agentUser objects (docs/graph-behaviour.md §2); v1.0 never shows them. */
const AGENT_USERS = 2;

export const MIN_USERS = NAMED_PEOPLE.length;

/**
 * Builds the whole tenant deterministically from (seed, users): the same inputs always give the same
 * users, licenses, activity and sign-in log. Each user draws from its own reseeded generator, so a
 * user's data does not depend on how many users follow it.
 */
export function generateTenant(identity: TenantIdentity, users: number): Tenant {
  if (!Number.isInteger(users) || users < MIN_USERS) throw new RangeError(`users must be an integer >= ${MIN_USERS}`);
  const t = new Tenant(identity, users + AGENT_USERS);
  const { seed } = identity;
  const profiler: Profiler = {
    rng: new Rng(0),
    nameCounts: new Uint16Array(FIRST_NAMES.length * LAST_NAMES.length),
    placeCounts: new Uint16Array(PLACES.length + DEPARTMENTS.length),
    managers: NAMED_PEOPLE.flatMap((p, i) => (['patti', 'megan', 'nestor'].includes(p.key) ? [i] : [])),
  };
  const ago = new Float64Array(t.size);
  for (let i = 0; i < t.size; i++) {
    profiler.rng.reseed(hash32(seed, i, 1));
    if (i < NAMED_PEOPLE.length) ago[i] = profileNamed(t, i);
    else if (i < users) ago[i] = profileRandom(t, i, profiler);
    else addAgent(t, i, users);
  }
  const log = new SignInLogBuilder(seed);
  const rng = new Rng(0);
  for (let i = 0; i < t.size; i++) {
    rng.reseed(hash32(seed, i, 2));
    generateActivity(t, i, rng, log, ago[i] ?? 0);
    // Copilot from a generator of its own: the rest of each user's data is as it was without it.
    rng.reseed(hash32(seed, i, 3));
    generateCopilot(t, i, rng, lastActivity(t, i).ms);
    const named = NAMED_PEOPLE[i];
    if (named?.copilot) namedCopilot(t, i, named.copilot);
    t.register(i, named ? named.id : derivedGuid(seed, i), userPrincipalName(t, i));
  }
  t.signIns = log.build(identity.anchorMs - (SIGN_IN_WINDOW_DAYS + 1) * DAY_MS);
  recountConsumed(t);
  purchaseSeats(t);
  return t;
}

/** A named person's Copilot seat as the demo tells it: assigned so many days ago, last used (per app) so many days ago. */
function namedCopilot(t: Tenant, i: number, c: NonNullable<(typeof NAMED_PEOPLE)[number]['copilot']>): void {
  const anchor = t.identity.anchorMs;
  setAssignedAt(t, i, Sku.copilot, anchor - c.assignedDaysAgo * DAY_MS);
  t.copilotLast.delete(i);
  if (c.lastUseDaysAgo !== null) markCopilotUse(t, i, anchor - c.lastUseDaysAgo * DAY_MS, c.apps);
}

function addAgent(t: Tenant, i: number, users: number): void {
  t.kind[i] = UserKind.agent;
  t.suffix[i] = i - users + 1;
  t.scenario[i] = Scenario.dormant;
  t.flags[i] = Flag.enabled;
  t.createdMs[i] = t.identity.anchorMs - 20 * DAY_MS;
}

/** Purchased units cover what is assigned plus each SKU's spare share (Power BI Pro has none left). */
function purchaseSeats(t: Tenant): void {
  SKUS.forEach((sku, s) => {
    const consumed = t.consumed[s] ?? 0;
    const spare = sku.spare > 0 ? Math.ceil(consumed * sku.spare) + 1 : 0;
    t.seats[s] = { enabled: consumed + spare, warning: sku.warningUnits, suspended: sku.suspendedUnits };
  });
}
