import { AppActivity, TenantUser } from '../store';
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
 * are pruned first) has that report's columns cleared, not kept forever. Blank then means "not in
 * the reports of the last 90 days"; the Users tab says No for a platform the reports were read for.
 */
export async function clearStaleUsage(ctx: TaskContext): Promise<void> {
  const q = (name: string) => ctx.dataSource.driver.escape(name);
  for (const [report, columns] of Object.entries(REPORT_COLUMNS)) {
    const held = columns.map((c) => `${q(c)} IS NOT NULL`).join(' OR ');
    const result = await ctx.dataSource
      .createQueryBuilder()
      .update(TenantUser)
      .set(Object.fromEntries(columns.map((c) => [c, null])))
      .where(
        `(${held}) AND NOT EXISTS (SELECT 1 FROM ${q('report_snapshots')} ${q('s')} WHERE ${q('s')}.${q('report')} = :report AND ${q('s')}.${q('userId')} = ${q('users')}.${q('id')})`,
        { report },
      )
      .execute();
    ctx.count('usageCleared', result.affected ?? 0);
  }
}

/** Access: per-app days from reports (and Visio's activation day) older than 90 days are deleted; sign-in instants are the sign-in log's. */
export async function clearStaleActivity(ctx: TaskContext): Promise<void> {
  const result = await ctx.dataSource
    .createQueryBuilder()
    .delete()
    .from(AppActivity)
    .where(
      `${ctx.dataSource.driver.escape('source')} IN (:...sources) AND ${ctx.dataSource.driver.escape('lastActivityDate')} < :cutoff`,
      { sources: ['report', 'activation'], cutoff: cutoffOf(ctx) },
    )
    .execute();
  ctx.count('activityCleared', result.affected ?? 0);
}
