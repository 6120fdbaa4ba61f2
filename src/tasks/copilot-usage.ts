import { In } from 'typeorm';
import { copilotUsageUserDetail, GraphError, isConcealedName, type CopilotUsageRow } from '../graph';
import { COPILOT_APPS, CopilotActivity, type CopilotApp, upsertChanged } from '../store';
import { PERMISSIONS } from './permissions';
import { recordConcealed } from './concealed';
import { failureOf, optionalPart, skipUnread, skipWithout } from './skip';
import type { TaskContext } from './task';
import { userIndex, type UserIndex } from './user-index';

/** The part's name in a run's skipped list; src/insights/copilot reads whether it was skipped by /Copilot/. */
export const COPILOT_PART = 'Microsoft 365 Copilot activity (Copilot report)';
const BATCH = 5000;

/**
 * Application Access, Microsoft 365 Copilot: the last Copilot activity per user and app, from the
 * Copilot usage report over 90 days (docs/copilot.md). The report lists Copilot license holders
 * only, so a holder missing from it has no Copilot use recorded. Concealed names become suspicious
 * activities, as in every report. Like the other reports, a missing permission or a failed read
 * skips the part (the run ends partial) and keeps what was stored. Says whether some rows were
 * concealed (the caller says so in the run, with the other reports') and, when the report was read,
 * the run's counts it set (`copilotRows`, and `copilotConcealed`), which a same-day incremental run
 * that does not read the report again repeats (src/tasks/access.ts; src/insights/copilot/data.ts
 * reads them).
 */
export async function readCopilotUsage(
  ctx: TaskContext,
  /** The user index of the caller's other report reads, when it has one (100,000 users: a scan and 20 MB less). */
  users?: UserIndex,
): Promise<{ concealed: boolean; counts: Record<string, number> }> {
  if (skipWithout(ctx, COPILOT_PART, PERMISSIONS.reports)) return { concealed: false, counts: {} };
  let concealed = false;
  let counts: Record<string, number> = {};
  try {
    await optionalPart(ctx, COPILOT_PART, PERMISSIONS.reports[0], async () => {
      const rows = await read(ctx, users ?? (await userIndex(ctx)));
      concealed = rows.concealed;
      counts = { copilotRows: rows.rows, ...(rows.concealed ? { copilotConcealed: 1 } : {}) };
      if (rows.concealed) ctx.count('copilotConcealed', 1);
    });
  } catch (error) {
    // A tenant or cloud without the report (404, 400) must not fail the whole access task.
    if (!(error instanceof GraphError)) throw error;
    skipUnread(
      ctx,
      COPILOT_PART,
      `the Copilot usage report (${failureOf(error)})`,
      'The Copilot activity read before is kept.',
    );
  }
  return { concealed, counts };
}

async function read(ctx: TaskContext, users: UserIndex): Promise<{ concealed: boolean; rows: number }> {
  const rejected = { count: 0 };
  let batch: { userId: string; row: CopilotUsageRow }[] = [];
  let rows = 0;
  let concealed = false;
  for await (const row of copilotUsageUserDetail(ctx.graph, 'D90', rejected)) {
    rows++;
    if (isConcealedName(row.userPrincipalName)) {
      await recordConcealed(ctx, 'copilot', row.userPrincipalName, concealedRow(row));
      concealed = true;
      continue;
    }
    const n = users.ofUpn(row.userPrincipalName);
    if (n === undefined) continue;
    const userId = users.ids[n]!;
    batch.push({ userId, row });
    if (batch.length >= BATCH) {
      await write(ctx, batch);
      batch = [];
    }
  }
  await write(ctx, batch);
  ctx.count('copilotRows', rows);
  if (rejected.count) ctx.count('copilotRowsRejected', rejected.count);
  ctx.progress(`Copilot usage report: ${rows} rows`);
  return { concealed, rows };
}

/** Upserts a batch, each date the newer of the stored one and the report's: a date once read stays true. */
async function write(ctx: TaskContext, batch: { userId: string; row: CopilotUsageRow }[]): Promise<void> {
  if (batch.length === 0) return;
  const now = ctx.now().toISOString();
  const written = await ctx.dataSource.transaction(async (manager) => {
    const stored = new Map(
      (await manager.findBy(CopilotActivity, { userId: In(batch.map((b) => b.userId)) })).map((a) => [a.userId, a]),
    );
    const rows = batch.map(({ userId, row }) => {
      const before = stored.get(userId);
      const apps = Object.fromEntries(
        COPILOT_APPS.map((app: CopilotApp) => [app, newer(before?.[app] ?? null, row.apps[app])]),
      );
      return {
        userId,
        ...apps,
        lastActivityDate: newer(before?.lastActivityDate ?? null, row.lastActivityDate),
        reportRefreshDate: row.reportRefreshDate ?? now.slice(0, 10),
        updatedAt: now,
      } as CopilotActivity;
    });
    return upsertChanged(manager, CopilotActivity, rows, {
      key: ['userId'],
      compare: ['lastActivityDate', ...COPILOT_APPS, 'reportRefreshDate'],
      stamp: ['updatedAt'],
    });
  });
  ctx.count('rowsWritten', written);
}

const newer = (a: string | null, b: string | null): string | null => (a && (!b || a > b) ? a : b);

/** What a suspicious activity keeps of a concealed row: the report's own columns. */
function concealedRow(row: CopilotUsageRow): Record<string, string> {
  return {
    'Report Refresh Date': row.reportRefreshDate ?? '',
    'Last Activity Date': row.lastActivityDate ?? '',
    ...Object.fromEntries(
      Object.entries(row.apps).map(([app, day]) => [`${app} Copilot Last Activity Date`, day ?? '']),
    ),
  };
}
