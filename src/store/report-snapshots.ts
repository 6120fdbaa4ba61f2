import type { EntityManager } from 'typeorm';
import { bulkUpsert } from './bulk-upsert';
import { ReportSnapshot } from './entities';
import { bind, execute } from './execute';
import { jsonBatches, jsonList } from './json-rows';

/** A row of the report's latest read: its refresh date is kept once, in report_reads (src/store/report-reads.ts). */
export type SnapshotRow = Pick<ReportSnapshot, 'userId' | 'userPrincipalName' | 'data'>;

/**
 * Each user's snapshot of one report made equal to the rows given (a report may have several rows
 * per user: activations has one per product type), writing only the users whose rows changed:
 * their stored rows are deleted and the new ones inserted. Every user named has all its rows here.
 * Returns the rows deleted and inserted.
 */
export async function replaceSnapshots(
  manager: EntityManager,
  report: string,
  rows: readonly SnapshotRow[],
): Promise<number> {
  const wanted = new Map<string, SnapshotRow[]>();
  for (const row of rows) {
    const own = wanted.get(row.userId!);
    if (own) own.push(row);
    else wanted.set(row.userId!, [row]);
  }
  const stored = await storedRows(manager, report, [...wanted.keys()]);
  const gone: number[] = [];
  const fresh: (SnapshotRow & Pick<ReportSnapshot, 'report' | 'reportRefreshDate'>)[] = [];
  for (const [userId, own] of wanted) {
    const before = stored.get(userId);
    if (
      before &&
      same(
        before.rows,
        own.map((r) => canonical(r.userPrincipalName, null, JSON.stringify(r.data))),
      )
    )
      continue;
    gone.push(...(before?.ids ?? []));
    for (const r of own) fresh.push({ report, ...r, reportRefreshDate: null });
  }
  let written = 0;
  const id = manager.connection.getMetadata(ReportSnapshot).findColumnWithPropertyName('id');
  for (const json of jsonBatches(gone)) {
    const params: unknown[] = [];
    written += await execute(
      manager,
      `DELETE FROM "report_snapshots" WHERE "id" IN (${jsonList(manager, params, json, id)})`,
      params,
    );
  }
  return written + (await bulkUpsert(manager, ReportSnapshot, fresh));
}

/** The stored rows of these users, as canonical text (simple-json is stored as JSON.stringify writes it). */
async function storedRows(
  manager: EntityManager,
  report: string,
  userIds: readonly string[],
): Promise<Map<string, { ids: number[]; rows: string[] }>> {
  const stored = new Map<string, { ids: number[]; rows: string[] }>();
  for (const json of jsonBatches(userIds)) {
    const params: unknown[] = [];
    const users = jsonList(manager, params, json);
    const found = (await manager.query(
      // `"report" || ''` keeps SQLite from reading the report's every row through IDX_report_snapshots_report_date_user;
      // through IDX_report_snapshots_user_report it is tested on the index, and only this report's rows are read.
      `SELECT "id", "userId", "userPrincipalName", "reportRefreshDate", "data" FROM "report_snapshots" WHERE "userId" IN (${users}) AND "report" || '' = ${bind(manager, params, [report])}`,
      params,
    )) as { id: number; userId: string; userPrincipalName: string; reportRefreshDate: string | null; data: string }[];
    for (const s of found) {
      const entry = stored.get(s.userId) ?? { ids: [], rows: [] };
      entry.ids.push(Number(s.id));
      entry.rows.push(canonical(s.userPrincipalName, s.reportRefreshDate, s.data));
      stored.set(s.userId, entry);
    }
  }
  return stored;
}

const canonical = (upn: string, date: string | null, data: string): string => `${upn}\u0001${date ?? ''}\u0001${data}`;

function same(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((v, i) => v === y[i]);
}

/**
 * After a whole read of the report: the rows held as of the latest read (null date) whose user that
 * read did not have get `day`, the date of the read before, the last that had them; retention
 * counts from it. Returns the rows written.
 */
export async function markSnapshotsLeft(
  manager: EntityManager,
  report: string,
  seen: (userId: string) => boolean,
  day: string,
): Promise<number> {
  const selectParams: unknown[] = [];
  const current = (await manager.query(
    `SELECT "id", "userId" FROM "report_snapshots" WHERE "report" = ${bind(manager, selectParams, [report])} AND "reportRefreshDate" IS NULL`,
    selectParams,
  )) as { id: number; userId: string | null }[];
  const left = current.filter((s) => s.userId === null || !seen(s.userId)).map((s) => Number(s.id));
  const id = manager.connection.getMetadata(ReportSnapshot).findColumnWithPropertyName('id');
  let written = 0;
  for (const json of jsonBatches(left)) {
    const params: unknown[] = [];
    const date = bind(manager, params, [day]);
    written += await execute(
      manager,
      `UPDATE "report_snapshots" SET "reportRefreshDate" = ${date} WHERE "id" IN (${jsonList(manager, params, json, id)})`,
      params,
    );
  }
  return written;
}
