import { AppActivity, bulkUpsert, ReportSnapshot, TenantUser, type AppName } from '../store';
import { reportDate } from '../graph';
import type { TaskContext } from './task';

/** Where a last-activity date comes from: a usage report's day, a sign-in's instant, or the day an app was activated. */
export type ActivitySource = 'report' | 'signin' | 'activation';

/** Buffers activity rows and upserts them 1,000 at a time (one row per user and app). */
export function activityWriter(ctx: TaskContext, source: ActivitySource) {
  let rows: AppActivity[] = [];
  const now = ctx.now().toISOString();
  const flush = async () => {
    if (rows.length === 0) return;
    const batch = rows;
    rows = [];
    await ctx.dataSource.transaction((m) => bulkUpsert(m, AppActivity, batch, { conflict: ['userId', 'app'], update: ['lastActivityDate', 'source', 'asOf', 'updatedAt'] }));
    ctx.count('rowsWritten', batch.length);
  };
  return {
    async add(userId: string, app: AppName, date: string | null, asOf: string | null) {
      // No date means no activity in the report's window: an earlier known date stays true.
      if (!date) return;
      rows.push({ userId, app, lastActivityDate: date, source, asOf, updatedAt: now });
      if (rows.length >= 1000) await flush();
    },
    flush,
  };
}

/**
 * Visio has no last-activity date in any report (docs/product-rules.md R12); what Microsoft does report is the day the
 * Visio desktop app was last activated (getOffice365ActivationsUserDetail, product type VISIO), which
 * the roster keeps in its report snapshots. License differentiation shows it as Visio's column.
 */
export async function recordVisioActivations(ctx: TaskContext): Promise<void> {
  const rows = await ctx.dataSource.getRepository(ReportSnapshot).createQueryBuilder('s')
    .select(['s.userId', 's.reportRefreshDate', 's.data'])
    .where(`s.report = :report AND s.userId IS NOT NULL AND LOWER(s.data) LIKE :visio`, { report: 'activations', visio: '%visio%' })
    .getMany();
  const latest = new Map<string, { day: string; asOf: string }>();
  for (const row of rows) {
    if (!/^visio/i.test(String(row.data['Product Type'] ?? ''))) continue;
    const day = reportDate(String(row.data['Last Activated Date'] ?? ''));
    const seen = latest.get(row.userId!);
    if (day && (!seen || day > seen.day)) latest.set(row.userId!, { day, asOf: row.reportRefreshDate });
  }
  const writer = activityWriter(ctx, 'activation');
  for (const [userId, v] of latest) await writer.add(userId, 'visio', v.day, v.asOf);
  await writer.flush();
  ctx.count('visioActivations', latest.size);
}

/**
 * "Last Used M365 Application" and "Last Activity Date", set-based in SQL: the app with the newest
 * activity (YYYY-MM-DD and ISO instants sort together as text), stored as the app key of
 * src/store/apps.ts. An activation is not use, so it counts for neither. Report days older than 90
 * days are cleared (src/tasks/retention.ts), but a user's last activity is evidence the rules rest
 * on: it only ever moves forward, never back to an older date or to none.
 */
export async function refreshLastUsed(ctx: TaskContext): Promise<void> {
  const q = (name: string) => ctx.dataSource.driver.escape(name);
  const used = (alias: string) => `${q(alias)}.${q('userId')} = ${q('users')}.${q('id')} AND ${q(alias)}.${q('source')} <> 'activation' AND ${q(alias)}.${q('lastActivityDate')} IS NOT NULL`;
  const latest = ctx.dataSource.createQueryBuilder().subQuery()
    .select(`SUBSTR(MAX(${q('a')}.${q('lastActivityDate')}), 1, 10)`).from(AppActivity, 'a').where(used('a')).getQuery();
  const app = ctx.dataSource.createQueryBuilder().subQuery()
    .select(`${q('b')}.${q('app')}`).from(AppActivity, 'b').where(used('b'))
    .orderBy(`${q('b')}.${q('lastActivityDate')}`, 'DESC').limit(1).getQuery();
  const stored = `COALESCE(${q('users')}.${q('lastActivityDate')}, '')`;
  await ctx.dataSource.createQueryBuilder().update(TenantUser)
    .set({ lastActivityDate: () => latest, lastUsedApp: () => app })
    .where(`${latest} >= ${stored}`)
    .execute();
}
