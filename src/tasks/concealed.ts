import { reportDate, type ReportRow } from '../graph';
import { CONCEALED_FIX, recordSuspicious } from '../store';
import type { TaskContext } from './task';

/**
 * Report rows whose user name is concealed (a 32-hex hash) cannot be matched to a user: each becomes
 * a suspicious activity (docs/product-rules.md R14), counted in the run, and the run ends partial
 * saying how to turn concealment off. The row is kept as read: the columns the task reads of it.
 */
export async function recordConcealed(ctx: TaskContext, report: string, name: string, row: ReportRow): Promise<void> {
  const at = ctx.now().toISOString();
  await recordSuspicious(ctx.dataSource, {
    report,
    concealedName: name,
    reportRefreshDate: reportDate(row['Report Refresh Date']) ?? at.slice(0, 10),
    data: row,
    runId: ctx.run.id,
    at,
  });
  ctx.count('suspicious');
}

/** Ends the run partial: the named reports' concealed rows were recorded as suspicious activities, not matched. */
export function skipConcealed(ctx: TaskContext, reports: readonly string[]): void {
  ctx.skip({
    part: 'matching concealed report rows to users',
    reason: `The tenant conceals user names in usage reports (${reports.join(', ')}): their rows are recorded as suspicious activities (\`suspicious\` lists them). ${CONCEALED_FIX}`,
  });
}
