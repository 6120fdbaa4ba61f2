import type { DataSource } from 'typeorm';
import { COPILOT_APP_LABELS, COPILOT_APPS, CopilotWaitlist, findUserId } from '../../store';
import { confidenceOf } from '../confidence';
import { DAY_MS, dayOf, msOf } from '../dates';
import { sumByCurrency } from '../money';
import type { Policy } from '../policy';
import type { FindingStatus } from '../types';
import { copilotSkus, loadCopilotSeats } from './seats';
import type { CopilotOverview, CopilotSeat, CopilotSeatPage } from './types';

export const MAX_SEAT_PAGE = 500;

/** Active in the `days` up to the report's refresh date (the report counts its periods so). */
function activeWithin(day: string | null, asOf: string | null, days: number): boolean {
  const end = msOf(asOf);
  return !!day && end !== null && day >= dayOf(end - (days - 1) * DAY_MS);
}

/** Seats purchased, assigned and free; holders active in 7 and 30 days, per app; idle seats and their monthly cost; the waitlist. */
export async function copilotOverview(store: DataSource, policy: Policy, now: Date): Promise<CopilotOverview> {
  const { ctx, data, seats } = await loadCopilotSeats(store, policy, now);
  const skus = copilotSkus(ctx);
  const purchased = skus.reduce((n, s) => n + s.prepaidUnits, 0);
  const assigned = skus.reduce((n, s) => n + s.consumedUnits, 0);
  const flagged = seats.filter((s) => s.status === 'flagged');
  const asOf = data.asOf;
  return {
    at: now.toISOString(),
    asOf,
    skus: skus.map((s) => ({
      skuId: s.skuId,
      name: s.friendlyName,
      purchased: s.prepaidUnits,
      assigned: s.consumedUnits,
      monthlyCost: seats.find((seat) => seat.skuId === s.skuId)?.monthlyCost ?? null,
    })),
    purchased,
    assigned,
    free: Math.max(0, purchased - assigned),
    holders: seats.length,
    active7: seats.filter((s) => activeWithin(s.lastUse, asOf, 7)).length,
    active30: seats.filter((s) => activeWithin(s.lastUse, asOf, 30)).length,
    apps: COPILOT_APPS.map((app) => ({
      app,
      label: COPILOT_APP_LABELS[app],
      active30: seats.filter((s) => activeWithin(s.apps.find((a) => a.app === app)?.date ?? null, asOf, 30)).length,
    })),
    idle: { flagged: flagged.length, excluded: seats.filter((s) => s.status === 'excluded').length },
    monthlyAtStake: sumByCurrency(flagged.flatMap((s) => (s.monthlyCost ? [s.monthlyCost] : []))),
    listPrice: flagged.some((s) => s.monthlyCost?.source === 'list-price'),
    waiting: (await new CopilotWaitlist(store).waiting(0, 1)).total,
    confidence: seats[0]?.confidence ?? confidenceOf(ctx.notes.filter((n) => n.code === 'no-sync')),
  };
}

/** Idle seats (flagged by default), most idle first, one page. */
export async function copilotSeatPage(
  store: DataSource,
  options: { page?: number; pageSize?: number; status?: FindingStatus | 'all' },
  policy: Policy,
  now: Date,
): Promise<CopilotSeatPage> {
  const status = options.status ?? 'flagged';
  const pageSize = Math.min(MAX_SEAT_PAGE, Math.max(1, Math.floor(options.pageSize ?? 10)));
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const { seats } = await loadCopilotSeats(store, policy, now);
  const idle = seats.filter((s) => (status === 'all' ? s.status !== null : s.status === status));
  return { page, pageSize, total: idle.length, status, items: idle.slice((page - 1) * pageSize, page * pageSize) };
}

/** Every holder, most idle first (the CLI report). */
export async function copilotHolders(store: DataSource, policy: Policy, now: Date): Promise<CopilotSeat[]> {
  return (await loadCopilotSeats(store, policy, now)).seats;
}

/** One holder's seat (by id or UPN); null when the user holds no managed Copilot license or is unknown. */
export async function copilotSeat(
  store: DataSource,
  idOrUpn: string,
  policy: Policy,
  now: Date,
): Promise<CopilotSeat | null> {
  const id = await findUserId(store, idOrUpn);
  if (!id) return null;
  return (await loadCopilotSeats(store, policy, now, [id])).seats[0] ?? null;
}
