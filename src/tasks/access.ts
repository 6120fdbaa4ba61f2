import { AppActivity, differs, execute, SyncCursor, upsertChanged, type AppName } from '../store';
import { emailActivityUserDetail, isConcealedName, listSignIns, office365ActiveUserDetail, reportDate } from '../graph';
import { ACTIVE_USER_COLUMNS, SIGN_IN_APP_IDS } from './apps';
import { markReportsRead, reportsReadToday } from './cursors';
import { PERMISSIONS } from './permissions';
import { optionalPart, skipWithout } from './skip';
import type { IntegrationTask, TaskContext } from './task';
import { userIdsByUpn } from './user-index';
import { withWriteBehind } from './write-behind';

/** Sign-ins are kept 30 days with Entra ID P1 (docs/graph-endpoints.md): the first run reads that far back. */
const FIRST_RUN_DAYS = 30;

/**
 * Application Access: last activity date per application. Seven services from the usage reports,
 * Dynamics 365, Power BI and Project from the sign-in log (incrementally after the first run).
 */
export const accessTask: IntegrationTask = {
  name: 'access',
  async run(ctx: TaskContext) {
    // Sign-ins trickle through their own throttle bucket: read them while the reports proceed.
    const signInPart = 'Dynamics 365, Power BI, Project (sign-in log)';
    const signIns = skipWithout(ctx, signInPart, PERMISSIONS.signIns)
      ? Promise.resolve(false)
      : optionalPart(ctx, signInPart, PERMISSIONS.signIns[0], () => readSignIns(ctx));
    signIns.catch(() => undefined);
    const reportsPart = 'Exchange, Teams, OneDrive, Outlook, SharePoint, Skype for Business, Yammer (usage reports)';
    // The service refreshes the reports once a day: an incremental run reads them at most once a day.
    const readToday = ctx.mode === 'incremental' && (await reportsReadToday(ctx, 'access'));
    if (readToday) ctx.count('reportsSkipped', 2);
    else if (!skipWithout(ctx, reportsPart, PERMISSIONS.reports)) {
      const ids = await userIdsByUpn(ctx);
      const read = await optionalPart(ctx, reportsPart, PERMISSIONS.reports[0], async () => {
        await readActiveUsers(ctx, ids);
        await readEmailActivity(ctx, ids);
      });
      if (read) await markReportsRead(ctx, 'access', { counts: {}, concealed: false });
    }
    await signIns;
    await refreshLastUsed(ctx);
  },
};

async function readActiveUsers(ctx: TaskContext, ids: Map<string, string>) {
  await withActivityWriter(ctx, 'report', async (writer) => {
    for await (const rows of ctx.timing.reads(office365ActiveUserDetail(ctx.graph, 'D180'))) {
      for (const row of rows) {
        const upn = row['User Principal Name'] ?? '';
        const userId = ids.get(upn.toLowerCase());
        if (!userId || isConcealedName(upn)) continue;
        const asOf = reportDate(row['Report Refresh Date']);
        for (const [app, column] of Object.entries(ACTIVE_USER_COLUMNS) as [AppName, string][]) writer.add(userId, app, reportDate(row[column]), asOf);
      }
      await writer.flushFull();
    }
  });
  ctx.count('reportsRead');
}

async function readEmailActivity(ctx: TaskContext, ids: Map<string, string>) {
  await withActivityWriter(ctx, 'report', async (writer) => {
    for await (const rows of ctx.timing.reads(emailActivityUserDetail(ctx.graph, 'D180'))) {
      for (const row of rows) {
        const userId = ids.get((row['User Principal Name'] ?? '').toLowerCase());
        if (userId) writer.add(userId, 'outlook', reportDate(row['Last Activity Date']), reportDate(row['Report Refresh Date']));
      }
      await writer.flushFull();
    }
  });
  ctx.count('reportsRead');
}

async function readSignIns(ctx: TaskContext) {
  const cursors = ctx.dataSource.getRepository(SyncCursor);
  for (const [app, appId] of Object.entries(SIGN_IN_APP_IDS) as [AppName, string][]) {
    const name = `signins:${app}`;
    const cursor = await cursors.findOneBy({ name });
    const since = cursor?.value ?? new Date(ctx.now().getTime() - FIRST_RUN_DAYS * 86_400_000).toISOString();
    let newest = since;
    // Newest first: a user's first sign-in seen is their latest; failed sign-ins are not use.
    const seen = new Set<string>();
    await withActivityWriter(ctx, 'signin', async (writer) => {
      for await (const page of ctx.timing.reads(listSignIns(ctx.graph, { appId, since, after: !!cursor }))) {
        for (const s of page.items) {
          if (s.createdDateTime > newest) newest = s.createdDateTime;
          if ((s.status?.errorCode ?? 0) !== 0 || seen.has(s.userId)) continue;
          seen.add(s.userId);
          writer.add(s.userId, app, s.createdDateTime, null);
        }
        await writer.flushFull();
        const read = page.items.length + page.rejected.length;
        ctx.count('signIns', read);
        ctx.count(`signIns.${app}`, read);
      }
    });
    await cursors.save({ name, value: newest, updatedAt: ctx.now().toISOString() });
  }
}

/** Activity rows written per transaction (one row per user and app). */
const ACTIVITY_BATCH = 5000;

interface ActivityWriter {
  add(userId: string, app: AppName, date: string | null, asOf: string | null): void;
  /** Hands a full batch to the write behind. */
  flushFull(): Promise<void>;
}

/** Collects activity rows and writes those that changed, a batch at a time, while the next ones are read. */
async function withActivityWriter(ctx: TaskContext, source: 'report' | 'signin', work: (writer: ActivityWriter) => Promise<void>): Promise<void> {
  const now = ctx.now().toISOString();
  await withWriteBehind(ctx, async (behind) => {
    // Keyed by user and app: the later row for a key wins, and a statement never names a key twice.
    let rows = new Map<string, AppActivity>();
    const flush = async () => {
      if (rows.size === 0) return;
      const batch = [...rows.values()];
      rows = new Map();
      await behind.push((m) => upsertChanged(m, AppActivity, batch, { key: ['userId', 'app'], compare: ['lastActivityDate', 'source', 'asOf'], stamp: ['updatedAt'] }));
    };
    await work({
      add(userId, app, date, asOf) {
        // No date means no activity in the report's window: an earlier known date stays true.
        if (date) rows.set(`${userId}|${app}`, { userId, app, lastActivityDate: date, source, asOf, updatedAt: now });
      },
      async flushFull() {
        if (rows.size >= ACTIVITY_BATCH) await flush();
      },
    });
    await flush();
  });
}

/**
 * "Last Used M365 Application" and its date, set-based in SQL: the app with the newest activity
 * (YYYY-MM-DD and ISO instants sort together as text; the app's name breaks a tie, so a run that
 * changed nothing writes nothing). Stored as the app key of src/store/apps.ts. Only the users whose
 * values change are written.
 */
async function refreshLastUsed(ctx: TaskContext) {
  const latest = `SUBSTR((SELECT MAX("a"."lastActivityDate") FROM "app_activity" "a" WHERE "a"."userId" = "users"."id"), 1, 10)`;
  const app = `(SELECT "b"."app" FROM "app_activity" "b" WHERE "b"."userId" = "users"."id" AND "b"."lastActivityDate" IS NOT NULL ORDER BY "b"."lastActivityDate" DESC, "b"."app" LIMIT 1)`;
  const written = await ctx.write((m) => execute(m, `UPDATE "users" SET "lastActivityDate" = ${latest}, "lastUsedApp" = ${app} WHERE ${differs(m, '"lastActivityDate"', latest)} OR ${differs(m, '"lastUsedApp"', app)}`, []));
  ctx.count('rowsWritten', written);
}
