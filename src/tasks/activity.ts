import { AppActivity, bind, differs, execute, ReportSnapshot, upsertChanged, type AppName } from '../store';
import { readCursor, tenantCursor, writeCursor } from './cursors';
import { reportDate } from '../graph';
import { cutoffOf } from './retention';
import type { TaskContext } from './task';
import { withWriteBehind } from './write-behind';

/** Where a last-activity date comes from: a usage report's day, a sign-in's instant, or the day an app was activated. */
export type ActivitySource = 'report' | 'signin' | 'activation';

/** Activity rows written per transaction (one row per user and app). */
const ACTIVITY_BATCH = 5000;

interface ActivityWriter {
  /**
   * `asOf`: the report refresh date of an older read; left out for a sign-in, and for a report's
   * day of the latest read (its date is kept once, src/store/report-reads.ts).
   */
  add(userId: string, app: AppName, date: string | null, asOf?: string | null): void;
  /** Hands a full batch to the write behind. */
  flushFull(): Promise<void>;
}

/** Collects activity rows and writes those that changed, a batch at a time, while the next ones are read. */
export async function withActivityWriter(
  ctx: TaskContext,
  source: ActivitySource,
  work: (writer: ActivityWriter) => Promise<void>,
): Promise<void> {
  const now = ctx.now().toISOString();
  // A report day past the retention would be written only to be cleared (src/tasks/retention.ts): every run, twice.
  const cutoff = source === 'signin' ? '' : cutoffOf(ctx);
  await withWriteBehind(ctx, async (behind) => {
    // Keyed by user and app: the later row for a key wins, and a statement never names a key twice.
    let rows = new Map<string, AppActivity>();
    const flush = async () => {
      if (rows.size === 0) return;
      const batch = [...rows.values()];
      rows = new Map();
      await behind.push((m) =>
        upsertChanged(m, AppActivity, batch, {
          key: ['userId', 'app'],
          compare: ['lastActivityDate', 'source', 'asOf'],
          stamp: ['updatedAt'],
        }),
      );
    };
    await work({
      add(userId, app, date, asOf = null) {
        // No date means no activity in the report's window: an earlier known date stays true.
        if (date && date >= cutoff)
          rows.set(`${userId}|${app}`, { userId, app, lastActivityDate: date, source, asOf, updatedAt: now });
      },
      async flushFull() {
        if (rows.size >= ACTIVITY_BATCH) await flush();
      },
    });
    await flush();
  });
}

/**
 * Visio has no last-activity date in any report (docs/product-rules.md R12); what Microsoft does report is the day the
 * Visio desktop app was last activated (getOffice365ActivationsUserDetail, product type VISIO), which
 * the roster keeps in its report snapshots. License differentiation shows it as Visio's column.
 */
export async function recordVisioActivations(ctx: TaskContext): Promise<void> {
  const rows = await ctx.dataSource
    .getRepository(ReportSnapshot)
    .createQueryBuilder('s')
    .select(['s.userId', 's.reportRefreshDate', 's.data'])
    .where(`s.report = :report AND s.userId IS NOT NULL AND LOWER(s.data) LIKE :visio`, {
      report: 'activations',
      visio: '%visio%',
    })
    .getMany();
  const latest = new Map<string, { day: string; asOf: string | null }>();
  for (const row of rows) {
    if (!/^visio/i.test(String(row.data['Product Type'] ?? ''))) continue;
    const day = reportDate(String(row.data['Last Activated Date'] ?? ''));
    const seen = latest.get(row.userId!);
    if (day && (!seen || day > seen.day)) latest.set(row.userId!, { day, asOf: row.reportRefreshDate });
  }
  await withActivityWriter(ctx, 'activation', async (writer) => {
    for (const [userId, v] of latest) {
      writer.add(userId, 'visio', v.day, v.asOf);
      await writer.flushFull();
    }
  });
  ctx.count('visioActivations', latest.size);
}

/**
 * "Last Used M365 Application" and "Last Activity Date", set-based in SQL: the app with the newest
 * activity (YYYY-MM-DD and ISO instants sort together as text; the app's name breaks a tie, so a run
 * that changed nothing writes nothing), stored as the app key of src/store/apps.ts. An activation is
 * not use, so it counts for neither. Report days older than 90 days are cleared
 * (src/tasks/retention.ts), but a user's last activity is evidence the rules rest on: it only ever
 * moves forward, never back to an older date or to none. Only the users whose values change are written.
 *
 * A full run looks at every user. An incremental one looks only at the users with per-app days
 * written (their `updatedAt`) since the last refresh that completed: the per-app days are written by
 * this task alone, before its refresh, and a run that failed before its refresh leaves the cursor
 * where it was, so the next one looks at its users too. At 100,000 users every user's subqueries
 * cost 0.4 s a run.
 */
export async function refreshLastUsed(ctx: TaskContext): Promise<void> {
  const cursor = tenantCursor(ctx, 'access.last-used');
  const since = ctx.mode === 'incremental' ? await readCursor(ctx, cursor) : null;
  const refreshedAt = ctx.now().toISOString();
  const used = (alias: string) =>
    `"${alias}"."userId" = "u"."id" AND "${alias}"."source" <> 'activation' AND "${alias}"."lastActivityDate" IS NOT NULL`;
  const latest = `(SELECT SUBSTR(MAX("a"."lastActivityDate"), 1, 10) FROM "app_activity" "a" WHERE ${used('a')})`;
  const app = `(SELECT "b"."app" FROM "app_activity" "b" WHERE ${used('b')} ORDER BY "b"."lastActivityDate" DESC, "b"."app" LIMIT 1)`;
  const written = await ctx.write((m) => {
    const params: unknown[] = [];
    const touched = since
      ? `WHERE "u"."id" IN (SELECT "w"."userId" FROM "app_activity" "w" WHERE "w"."updatedAt" >= ${bind(m, params, [since])})`
      : '';
    // Each user's values worked out once, in a table of their own: merged into the UPDATE (as both
    // databases would, without the OFFSET), each subquery ran once per place it is named, three and
    // two times (at 100,000 users a day's refresh took 0.26 s, 0.15-0.17 s now).
    const once = m.connection.options.type === 'postgres' ? 'OFFSET 0' : 'LIMIT -1 OFFSET 0';
    return execute(
      m,
      `UPDATE "users" SET "lastActivityDate" = "c"."latest", "lastUsedApp" = "c"."app" FROM (SELECT "u"."id" AS "id", ${latest} AS "latest", ${app} AS "app" FROM "users" "u" ${touched} ${once}) "c" WHERE "users"."id" = "c"."id" AND "c"."latest" >= COALESCE("users"."lastActivityDate", '') AND (${differs(m, '"users"."lastActivityDate"', '"c"."latest"')} OR ${differs(m, '"users"."lastUsedApp"', '"c"."app"')})`,
      params,
    );
  });
  await writeCursor(ctx, cursor, refreshedAt);
  ctx.count('rowsWritten', written);
}
