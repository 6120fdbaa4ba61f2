import { In, type DataSource } from 'typeorm';
import { COPILOT_APP_LABELS, COPILOT_APPS, CopilotActivity, isCopilotSku, UserLicense } from '../../store';
import { identityExclusions } from '../classify';
import { confidenceOf } from '../confidence';
import { loadContext, type InsightsContext } from '../context';
import { daysSince, isReal } from '../dates';
import { licensesOf, reasonFor } from '../explain';
import type { Policy } from '../policy';
import { loadUserDetails, type UserFacts } from '../sql/user-facts';
import type { Exclusion } from '../types';
import { copilotNotes, readCopilotData, type CopilotData } from './data';
import { idleSince, seatRuleParams, seatState } from './rule';
import type { CopilotAppUse, CopilotSeat } from './types';

/** Users loaded at a time; Copilot holders are a share of a tenant, read whole for their sort. */
const BATCH = 1000;

export interface CopilotSeats {
  ctx: InsightsContext;
  data: CopilotData;
  /** Managed Copilot SKUs (lower-case ids). */
  skuIds: string[];
  /** Every live holder, most idle first (unknown first, then by days idle, then by UPN). */
  seats: CopilotSeat[];
}

/** The managed Copilot SKUs of the tenant. */
export function copilotSkus(ctx: InsightsContext) {
  return [...ctx.skus.values()].filter((s) => s.managed && isCopilotSku(s));
}

/**
 * Every holder of a managed Copilot license, each explained: the rule's state, the evidence per
 * app, the policy's identity exclusions, the cost and the confidence. `only` narrows to some users.
 */
export async function loadCopilotSeats(
  store: DataSource,
  policy: Policy,
  now: Date,
  only?: readonly string[],
): Promise<CopilotSeats> {
  const [ctx, data] = await Promise.all([loadContext(store, policy, now), readCopilotData(store)]);
  const skus = copilotSkus(ctx);
  const skuIds = skus.map((s) => s.skuId);
  if (skuIds.length === 0) return { ctx, data, skuIds, seats: [] };
  if (only?.length === 0) return { ctx, data, skuIds, seats: [] };
  const query = store
    .getRepository(UserLicense)
    .createQueryBuilder('l')
    .where('LOWER(l.skuId) IN (:...skus)', { skus: skuIds });
  if (only) query.andWhere('l.userId IN (:...only)', { only: [...only] });
  const assignments = await query.getMany();
  const ids = [...new Set(assignments.map((a) => a.userId))];
  const notes = [
    ...ctx.notes.filter((n) => n.code === 'no-sync' || n.code === 'excluded-group-unknown'),
    ...copilotNotes(data, policy, now),
  ];
  const params = seatRuleParams(policy, now);
  const seats: CopilotSeat[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const [details, activity] = await Promise.all([
      loadUserDetails(store, chunk, { apps: false }),
      store.getRepository(CopilotActivity).findBy({ userId: In(chunk) }),
    ]);
    const used = new Map(activity.map((a) => [a.userId, a]));
    for (const { facts } of details) {
      if (facts.deactivatedDate !== null) continue;
      const mine = assignments.filter((a) => a.userId === facts.id);
      const skuId = skuIds.find((id) => mine.some((a) => a.skuId.toLowerCase() === id))!;
      seats.push(
        explainSeat(
          facts,
          mine.filter((a) => a.skuId.toLowerCase() === skuId),
          used.get(facts.id) ?? null,
          { ctx, data, params, notes },
        ),
      );
    }
  }
  return { ctx, data, skuIds, seats: seats.sort(mostIdleFirst) };
}

interface SeatContext {
  ctx: InsightsContext;
  data: CopilotData;
  params: ReturnType<typeof seatRuleParams>;
  notes: CopilotSeat['confidence']['notes'];
}

function explainSeat(
  facts: UserFacts,
  assignments: UserLicense[],
  activity: CopilotActivity | null,
  s: SeatContext,
): CopilotSeat {
  const { ctx } = s;
  const skuId = assignments[0]!.skuId.toLowerCase();
  // The newest update of the seat's assignments (direct or by group): a later date gives more grace, never less.
  const assignedAt =
    assignments
      .map((a) => a.lastUpdatedDateTime)
      .filter(isReal)
      .sort()
      .at(-1) ?? null;
  const lastUse = activity?.lastActivityDate ?? null;
  const state = seatState({ lastUse, assignedAt }, s.params);
  const idle = state === 'idle' || state === 'never';
  const license = licensesOf(
    { ...facts, licenses: facts.licenses.filter((l) => l.skuId.toLowerCase() === skuId) },
    ctx,
  )[0];
  const codes = idle ? identityExclusions(facts, ctx.params) : [];
  const exclusions: Exclusion[] = codes.map((code) => ({ code, reason: reasonFor(code, facts, ctx) }));
  if (idle && !s.data.read)
    exclusions.push({ code: 'insufficient-data', reason: `Copilot use cannot be ruled out: ${s.data.why}.` });
  const notes = [
    ...s.notes,
    ...(assignedAt
      ? []
      : [
          {
            code: 'assignment-unknown' as const,
            text: 'Assignment date unknown (Graph gave no lastUpdatedDateTime): treated as older than the grace period.',
          },
        ]),
  ];
  const apps: CopilotAppUse[] = COPILOT_APPS.map((app) => ({
    app,
    label: COPILOT_APP_LABELS[app],
    date: activity?.[app] ?? null,
  })).sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  return {
    userId: facts.id,
    userPrincipalName: facts.userPrincipalName,
    displayName: facts.displayName,
    accountEnabled: facts.accountEnabled,
    skuId,
    skuName: ctx.skus.get(skuId)?.friendlyName ?? skuId,
    state,
    status: idle ? (exclusions.length ? 'excluded' : 'flagged') : null,
    exclusions,
    assignedAt,
    lastUse,
    apps,
    daysIdle: daysSince(idleSince({ lastUse, assignedAt }), ctx.now),
    reclaimable: license?.reclaimable ?? false,
    note: license?.note ?? null,
    monthlyCost: license?.monthlyCost ?? null,
    asOf: activity?.reportRefreshDate ?? s.data.asOf,
    confidence: confidenceOf(notes),
  };
}

function mostIdleFirst(a: CopilotSeat, b: CopilotSeat): number {
  const days = (s: CopilotSeat) => s.daysIdle ?? Number.MAX_SAFE_INTEGER;
  return days(b) - days(a) || a.userPrincipalName.toLowerCase().localeCompare(b.userPrincipalName.toLowerCase());
}
