import { hash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { bulkUpsert } from './bulk-upsert';
import { ReportDigest } from './entities';
import { bind } from './execute';
import { deleteReportUsers } from './report-users';

/**
 * A report row's values in short (those a reader takes from it, in its order; a column the row
 * lacks is told from an empty one): equal values have equal digests, and different ones the same
 * with a chance of about 1 in 10^28 (96 bits of SHA-1).
 */
export function valuesDigest(values: readonly (string | undefined)[]): string {
  return hash('sha1', JSON.stringify(values), 'base64').slice(0, 16);
}

/** The digest of each user's row in the report's latest read. */
export async function reportDigests(manager: EntityManager, report: string): Promise<Map<string, string>> {
  const params: unknown[] = [];
  const rows = (await manager.query(
    `SELECT "userId", "digest" FROM "report_digests" WHERE "report" = ${bind(manager, params, [report])}`,
    params,
  )) as { userId: string; digest: string }[];
  return new Map(rows.map((r) => [r.userId, r.digest]));
}

/** Sets these users' digests of the report. Returns the rows written. */
export function saveReportDigests(
  manager: EntityManager,
  report: string,
  digests: ReadonlyMap<string, string>,
): Promise<number> {
  return bulkUpsert(
    manager,
    ReportDigest,
    [...digests].map(([userId, digest]) => ({ report, userId, digest })),
    { conflict: ['report', 'userId'], update: ['digest'] },
  );
}

/** Forgets these users' digests of the report (the read no longer has them). Returns the rows deleted. */
export const dropReportDigests = (
  manager: EntityManager,
  report: string,
  userIds: readonly string[],
): Promise<number> => deleteReportUsers(manager, 'report_digests', '"report"', report, userIds);
