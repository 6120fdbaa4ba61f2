import { APPS, AppActivity, TenantUser } from '../store';
import type { EntityManager } from 'typeorm';
import type { TaskContext } from './task';

/** Only the last 90 days of report data are kept (docs/product-rules.md R10: activations, mail and OneDrive usage, platforms, per-app activity). */
export const REPORT_RETENTION_DAYS = 90;

/** The first day kept: report data of an earlier day is neither stored nor kept. */
export const cutoffOf = (ctx: TaskContext) =>
  new Date(ctx.now().getTime() - REPORT_RETENTION_DAYS * 86_400_000).toISOString().slice(0, 10);

/** The user columns each roster report sets (src/tasks/roster/usage.ts), by the name its snapshots are kept under. */
const REPORT_COLUMNS = {
  activations: ['activations'],
  m365apps: ['usesWindows', 'usesMac', 'usesMobile', 'usesWeb'],
  onedrive: ['oneDriveUsageMb'],
  mailbox: ['mailUsageMb'],
} as const satisfies Record<string, readonly (keyof TenantUser)[]>;

/**
 * Roster: a user with no snapshot of a report left (none in the last 90 days: the snapshots older
 * are pruned first, in the same transaction) has that report's columns cleared, not kept forever.
 * Blank then means "not in the reports of the last 90 days"; the Users tab says No for a platform the
 * reports were read for. A user's last snapshot of a report goes only when it is pruned: `users`
 * names those (an incremental run's), null asks for every user (a full run's, which also sets right
 * what an older version may have left). One statement for the four reports: the users' table is
 * read once (at 100,000 users it is larger than SQLite's page cache; read once per report, a day's
 * sync spent 0.22 s here, 0.14-0.16 s for every user now).
 */
export async function clearStaleUsage(
  ctx: TaskContext,
  manager: EntityManager,
  users: readonly string[] | null,
): Promise<void> {
  const q = (name: string) => ctx.dataSource.driver.escape(name);
  const params: Record<string, string> = {};
  const set: Record<string, () => string> = {};
  const stale: string[] = [];
  for (const [n, [report, columns]] of Object.entries(REPORT_COLUMNS).entries()) {
    params[`report${n}`] = report;
    // Whether the user holds this report's columns and has no snapshot of it left.
    const gone = `((${columns.map((c) => `${q(c)} IS NOT NULL`).join(' OR ')}) AND NOT EXISTS (SELECT 1 FROM ${q('report_snapshots')} ${q('s')} WHERE ${q('s')}.${q('report')} = :report${n} AND ${q('s')}.${q('userId')} = ${q('users')}.${q('id')}))`;
    stale.push(gone);
    for (const c of columns) set[c] = () => `CASE WHEN ${gone} THEN NULL ELSE ${q(c)} END`;
  }
  const clear = async (ids?: readonly string[]) => {
    const update = manager
      .createQueryBuilder()
      .update(TenantUser)
      .set(set)
      .where(`(${stale.join(' OR ')})`, params);
    if (ids) update.andWhere(`${q('id')} IN (:...ids)`, { ids });
    ctx.count('usageCleared', (await update.execute()).affected ?? 0);
  };
  if (!users) return clear();
  for (let i = 0; i < users.length; i += USERS_PER_STATEMENT) await clear(users.slice(i, i + USERS_PER_STATEMENT));
}

/** Users named in one statement's `IN` list: far below both databases' limits on bound values. */
const USERS_PER_STATEMENT = 1000;

/**
 * Access: per-app days from reports (and Visio's activation day) older than 90 days are deleted;
 * sign-in instants are the sign-in log's. Found per app through the index on app and day: only the
 * few days that aged out are read, not every user's (at 100,000 users 15-23 ms alone, now 2 ms).
 */
export async function clearStaleActivity(ctx: TaskContext): Promise<void> {
  const q = (name: string) => ctx.dataSource.driver.escape(name);
  const result = await ctx.dataSource
    .createQueryBuilder()
    .delete()
    .from(AppActivity)
    .where(`${q('app')} IN (:...apps) AND ${q('lastActivityDate')} < :cutoff AND ${q('source')} IN (:...sources)`, {
      apps: [...APPS],
      sources: ['report', 'activation'],
      cutoff: cutoffOf(ctx),
    })
    .execute();
  ctx.count('activityCleared', result.affected ?? 0);
}
