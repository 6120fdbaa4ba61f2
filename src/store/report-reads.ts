import type { EntityManager } from 'typeorm';
import { ReportRead } from './entities';

/** The report whose latest read an access day (app_activity row) is as of, when its `asOf` is null. */
const ACTIVITY_REPORT = (alias: string) =>
  `CASE WHEN "${alias}"."source" = 'activation' THEN 'activations' WHEN "${alias}"."app" = 'outlook' THEN 'emailActivity' ELSE 'activeUsers' END`;

/**
 * SQL for the report refresh date an app_activity row (alias `alias`) is as of: its own `asOf`, or
 * for a report's or an activation's day held as of the latest read, that read's date (report_reads).
 * A sign-in has none.
 */
export const activityAsOfSql = (alias: string): string =>
  `COALESCE("${alias}"."asOf", CASE WHEN "${alias}"."source" = 'signin' THEN NULL ELSE (SELECT "rr"."reportRefreshDate" FROM "report_reads" "rr" WHERE "rr"."report" = ${ACTIVITY_REPORT(alias)}) END)`;

/** The refresh date of the report's latest read, or null when it was never read. */
export async function reportReadDate(manager: EntityManager, report: string): Promise<string | null> {
  return (await manager.findOneBy(ReportRead, { report }))?.reportRefreshDate ?? null;
}

export async function saveReportRead(manager: EntityManager, report: string, day: string, now: string): Promise<void> {
  await manager.upsert(ReportRead, { report, reportRefreshDate: day, updatedAt: now }, ['report']);
}
