import { hash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { bulkUpsert } from './bulk-upsert';
import { ReportSnapshot } from './entities';
import { bind, execute } from './execute';
import { jsonBatches, jsonList } from './json-rows';
import { eachTextPair } from './text-pairs';

/**
 * A row of the report's latest read: its refresh date is kept once, in report_reads
 * (src/store/report-reads.ts); its digest is the reader's (reportRowDigest).
 */
export type SnapshotRow = Pick<ReportSnapshot, 'userId' | 'userPrincipalName' | 'data'> & { digest: string };

/**
 * A report row's snapshot in short, told from the record's text with its refresh date left empty (the
 * reader's ReportHeader.steady, src/graph/report-header.ts): equal records have equal digests, and
 * records that differ the same with a chance of about 1 in 10^28 (96 bits of SHA-1). Told from the
 * text as it came, a record that did not change costs neither its fields nor a snapshot object: at
 * 100,000 rows of a mailbox report, 255 ms for fields, row and a digest of the kept values, 85 ms
 * for the text's. Digests told the earlier way, from the kept values, match none of these: the first
 * read after the change writes every row once more.
 */
export function reportRowDigest(steadyText: string): string {
  return hash('sha1', steadyText, 'base64').slice(0, 16);
}

/** A user's rows of a report as one value (a report may have several per user: activations one per product type). */
export const userDigest = (digests: readonly string[]): string =>
  digests.length === 1 ? digests[0]! : [...digests].sort().join(',');

/**
 * What the report's latest read holds, per user (userDigest), by the number `numberOf` gives a user
 * (src/tasks/user-index.ts); `others` are the users with such rows and no number. Read from the
 * index alone, once per read of the report, so that a user whose rows did not change costs no
 * look-up in the database and no write.
 */
export async function currentSnapshots(
  manager: EntityManager,
  report: string,
  numberOf: (userId: string) => number | undefined,
  size: number,
): Promise<{ digests: (string | undefined)[]; others: Set<string> }> {
  const params: unknown[] = [];
  const from = `FROM "report_snapshots" WHERE "report" = ${bind(manager, params, [report])} AND "reportRefreshDate" IS NULL AND "userId" IS NOT NULL`;
  const digests = new Array<string | undefined>(size);
  const others = new Set<string>();
  const several: number[] = [];
  // A row stored before digests were kept matches nothing: its user is written once more.
  await eachTextPair(
    manager,
    { first: '"userId"', second: 'COALESCE("digest", \'\')', from },
    params,
    (userId, digest) => {
      const n = numberOf(userId);
      if (n === undefined) {
        others.add(userId);
        return;
      }
      const before = digests[n];
      if (before === undefined) digests[n] = digest;
      else {
        digests[n] = `${before},${digest}`;
        several.push(n);
      }
    },
  );
  for (const n of several) digests[n] = userDigest(digests[n]!.split(','));
  return { digests, others };
}

/**
 * The users with rows of the report that an earlier read had and the latest no longer had (dated
 * rows): should they come back, those rows are replaced too.
 */
export async function datedSnapshotUsers(manager: EntityManager, report: string): Promise<string[]> {
  const params: unknown[] = [];
  const rows = (await manager.query(
    `SELECT DISTINCT "userId" FROM "report_snapshots" WHERE "report" = ${bind(manager, params, [report])} AND "reportRefreshDate" IS NOT NULL AND "userId" IS NOT NULL`,
    params,
  )) as { userId: string }[];
  return rows.map((r) => r.userId);
}

/**
 * The snapshots of one report of the users named in `rows` replaced by these rows (every user named
 * has all their rows here): the stored rows of this report, of any read, of the users in `stored`
 * (those of them that have any: a user without is not looked for) are deleted and the new ones
 * inserted. Returns the rows deleted and inserted.
 */
export async function replaceSnapshots(
  manager: EntityManager,
  report: string,
  rows: readonly SnapshotRow[],
  stored: readonly string[],
): Promise<number> {
  if (rows.length === 0) return 0;
  let written = stored.length ? await deleteOfUsers(manager, report, stored) : 0;
  written += await bulkUpsert(
    manager,
    ReportSnapshot,
    rows.map((r) => ({ report, ...r, reportRefreshDate: null })),
  );
  return written;
}

async function deleteOfUsers(manager: EntityManager, report: string, userIds: readonly string[]): Promise<number> {
  let deleted = 0;
  for (const json of jsonBatches(userIds)) {
    const params: unknown[] = [];
    const name = bind(manager, params, [report]);
    deleted += await execute(
      manager,
      // `"report" || ''`: through IDX_report_snapshots_user_report, not the report's every row.
      `DELETE FROM "report_snapshots" WHERE "report" || '' = ${name} AND "userId" IN (${jsonList(manager, params, json)})`,
      params,
    );
  }
  return deleted;
}

/**
 * After a whole read of the report: the rows of the users that read no longer has, held as of the
 * latest read (null date), get `day`, the date of the read before, the last that had them;
 * retention counts from it. Returns the rows written.
 */
export async function markSnapshotsLeft(
  manager: EntityManager,
  report: string,
  userIds: readonly string[],
  day: string,
): Promise<number> {
  let written = 0;
  for (const json of jsonBatches(userIds)) {
    const params: unknown[] = [];
    const date = bind(manager, params, [day]);
    const name = bind(manager, params, [report]);
    written += await execute(
      manager,
      `UPDATE "report_snapshots" SET "reportRefreshDate" = ${date} WHERE "report" = ${name} AND "reportRefreshDate" IS NULL AND "userId" IN (${jsonList(manager, params, json)})`,
      params,
    );
  }
  return written;
}
