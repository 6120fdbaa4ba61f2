import { type DataSource } from 'typeorm';
import { FINDING_KINDS, listFindings, PolicyStore, summary, type CurrencyAmount } from '../../insights';
import { ReclamationRequest, SuspiciousActivity } from '../../store';
import type { DigestFacts, DigestHeadline, IdleLicenseRow } from '../cards/digest';
import { sortValue, sumByCurrency } from '../money';
import { downgradePotential, pendingApprovals, taskHealth } from '../views/health';

const WEEK_MS = 7 * 86_400_000;
/** The digest names the five most expensive idle licenses (issue 6). */
const TOP = 5;

export interface GatherOptions {
  dataSource: DataSource;
  now: Date;
  banner: string;
  scheduledFor: string;
  previous: DigestHeadline | null;
}

/** The most expensive flagged users over the three findings. */
async function topIdle(store: DataSource, policy: Awaited<ReturnType<PolicyStore['get']>>, now: Date): Promise<IdleLicenseRow[]> {
  const rows: IdleLicenseRow[] = [];
  for (const kind of FINDING_KINDS) {
    const page = await listFindings(store, { kind, page: 1, pageSize: TOP, sort: 'cost' }, policy, now);
    for (const f of page.items) {
      rows.push({
        name: f.displayName ?? f.userPrincipalName, upn: f.userPrincipalName, kind,
        licenses: f.licenses.map((l) => l.friendlyName).join(', '), monthlyCost: f.monthlyCost, daysIdle: f.evidence.daysSinceLatest,
      });
    }
  }
  return rows.sort((a, b) => sortValue(b.monthlyCost) - sortValue(a.monthlyCost)).slice(0, TOP);
}

/** Monthly cost of licenses reclaimed in the last seven days (not undone, not dry runs). */
async function savedThisWeek(store: DataSource, now: Date): Promise<CurrencyAmount[]> {
  const since = new Date(now.getTime() - WEEK_MS).toISOString();
  const reclaimed = await store
    .getRepository(ReclamationRequest)
    .createQueryBuilder('r')
    .where('r.state = :state AND r.dryRun = :dry AND r.updatedAt >= :since AND r.monthlySaving IS NOT NULL AND r.currency IS NOT NULL', { state: 'reclaimed', dry: false, since })
    .getMany();
  return sumByCurrency(reclaimed.map((r) => ({ currency: r.currency!, amount: r.monthlySaving! })));
}

/** Reads everything a digest says: one summary, the top idle licenses, downgrades, approvals, task health. */
export async function gatherDigestFacts(o: GatherOptions): Promise<DigestFacts> {
  const { dataSource: store, now } = o;
  const policy = await new PolicyStore(store).get();
  return {
    scheduledFor: o.scheduledFor,
    summary: await summary(store, policy, now),
    previous: o.previous,
    savingsThisWeek: await savedThisWeek(store, now),
    topIdle: await topIdle(store, policy, now),
    downgrades: await downgradePotential(store, policy, now),
    approvals: await pendingApprovals(store),
    tasks: await taskHealth(store),
    suspicious: await store.getRepository(SuspiciousActivity).count(),
    now,
    banner: o.banner,
  };
}
