import type { EntityManager } from 'typeorm';
import { bulkUpsert } from './bulk-upsert';
import { ReportSnapshot } from './entities';
import { bind, execute } from './execute';
import { jsonBatches, jsonList } from './json-rows';

export type SnapshotRow = Pick<ReportSnapshot, 'userId' | 'userPrincipalName' | 'reportRefreshDate' | 'data'>;

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
  const fresh: (SnapshotRow & { report: string })[] = [];
  for (const [userId, own] of wanted) {
    const before = stored.get(userId);
    if (
      before &&
      same(
        before.rows,
        own.map((r) => canonical(r.userPrincipalName, r.reportRefreshDate, JSON.stringify(r.data))),
      )
    )
      continue;
    gone.push(...(before?.ids ?? []));
    for (const r of own) fresh.push({ report, ...r });
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
      // `"report" || ''` keeps SQLite from reading the report's every row through IDX_report_snapshots_report_date.
      `SELECT "id", "userId", "userPrincipalName", "reportRefreshDate", "data" FROM "report_snapshots" WHERE "userId" IN (${users}) AND "report" || '' = ${bind(manager, params, [report])}`,
      params,
    )) as { id: number; userId: string; userPrincipalName: string; reportRefreshDate: string; data: string }[];
    for (const s of found) {
      const entry = stored.get(s.userId) ?? { ids: [], rows: [] };
      entry.ids.push(Number(s.id));
      entry.rows.push(canonical(s.userPrincipalName, s.reportRefreshDate, s.data));
      stored.set(s.userId, entry);
    }
  }
  return stored;
}

const canonical = (upn: string, date: string, data: string): string => `${upn}\u0001${date}\u0001${data}`;

function same(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((v, i) => v === y[i]);
}
