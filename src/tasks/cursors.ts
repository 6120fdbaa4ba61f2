import { createHash } from 'node:crypto';
import { SyncCursor } from '../store';
import type { TaskContext } from './task';

/**
 * Where an incremental sync goes on from, kept per tenant and Graph origin (a deltaLink is a URL on
 * it): a store pointed at another tenant, or at a new simulator in demo mode, starts over with a
 * full read rather than follow a link that is not its own. The key is hashed to fit a cursor name.
 */
export function tenantCursor(ctx: TaskContext, kind: string): string {
  const key = createHash('sha256')
    .update(`${ctx.graph.tenantId.toLowerCase()}|${new URL(ctx.graph.baseUrl).origin}`)
    .digest('hex')
    .slice(0, 32);
  return `${kind}:${key}`;
}

export async function readCursor(ctx: TaskContext, name: string): Promise<string | null> {
  return (await ctx.dataSource.getRepository(SyncCursor).findOneBy({ name }))?.value ?? null;
}

export async function writeCursor(ctx: TaskContext, name: string, value: string): Promise<void> {
  await ctx.dataSource.getRepository(SyncCursor).save({ name, value, updatedAt: ctx.now().toISOString() });
}

/**
 * The usage reports refresh once a day: what a task's reads of them said, and the day (UTC) it read
 * them. An incremental run that finds today's reads done repeats what they said (counts, a skipped
 * part) so that the latest run still tells what the store holds (src/insights/sql/data-availability.ts).
 */
export interface ReportsRead {
  day: string;
  counts: Record<string, number>;
  /** The reports whose rows were concealed (src/tasks/concealed.ts). */
  concealed: string[];
}

const reportsCursor = (ctx: TaskContext, task: string) => tenantCursor(ctx, `reports.${task}`);

/** What this task's report reads said today, or null when they are not done today. */
export async function reportsReadToday(ctx: TaskContext, task: string): Promise<ReportsRead | null> {
  const value = await readCursor(ctx, reportsCursor(ctx, task));
  if (!value) return null;
  try {
    const read = JSON.parse(value) as ReportsRead;
    if (!Array.isArray(read.concealed)) return null;
    return read.day === ctx.now().toISOString().slice(0, 10) ? read : null;
  } catch {
    return null;
  }
}

export function markReportsRead(ctx: TaskContext, task: string, read: Omit<ReportsRead, 'day'>): Promise<void> {
  return writeCursor(
    ctx,
    reportsCursor(ctx, task),
    JSON.stringify({ day: ctx.now().toISOString().slice(0, 10), ...read }),
  );
}

/**
 * Which version of the user columns the roster's reports set (src/tasks/roster/usage.ts) the store
 * holds for the reports' latest read: written once those columns are, taken away before a read
 * begins to change the snapshots. While it is there, a user whose report rows did not change has
 * those columns as the rows say, and an incremental run need not set them again. A change to how
 * rows become columns changes the version, so that every user is set once more.
 */
const REPORT_COLUMNS_VERSION = '1';
const reportColumnsCursor = (ctx: TaskContext) => tenantCursor(ctx, 'reports.roster.columns');

/** Whether the mark was there; it is gone afterwards. */
export async function takeReportColumnsMark(ctx: TaskContext): Promise<boolean> {
  const name = reportColumnsCursor(ctx);
  const marked = (await readCursor(ctx, name)) === REPORT_COLUMNS_VERSION;
  await ctx.dataSource.getRepository(SyncCursor).delete({ name });
  return marked;
}

export function markReportColumns(ctx: TaskContext): Promise<void> {
  return writeCursor(ctx, reportColumnsCursor(ctx), REPORT_COLUMNS_VERSION);
}
