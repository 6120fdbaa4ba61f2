import { reportDaysByUser, saveReportRead, SyncCursor, type AppName } from '../store';
import {
  emailActivityUserDetail,
  isConcealedName,
  listSignIns,
  office365ActiveUserDetail,
  reportDate,
  type GraphClient,
  type ReportRow,
} from '../graph';
import { recordVisioActivations, refreshLastUsed, withActivityWriter } from './activity';
import { ACTIVE_USER_COLUMNS, SIGN_IN_APP_IDS } from './apps';
import { recordConcealed, skipConcealed } from './concealed';
import { readCopilotUsage } from './copilot-usage';
import { markReportsRead, reportsReadToday } from './cursors';
import { PERMISSIONS } from './permissions';
import { readAhead } from './read-ahead';
import { clearStaleActivity, cutoffOf } from './retention';
import { optionalPart, skipWithout } from './skip';
import type { IntegrationTask, TaskContext } from './task';
import { userIndex, type UserIndex } from './user-index';

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
    // Concealed rows match nobody: recorded, counted and said (once for every report), never dropped in silence.
    const concealed: string[] = [];
    // The service refreshes the reports once a day: an incremental run reads them at most once a day.
    const readToday = ctx.mode === 'incremental' && (await reportsReadToday(ctx, 'access'));
    if (readToday) {
      for (const [key, n] of Object.entries(readToday.counts)) ctx.count(key, n);
      ctx.count('reportsSkipped', 3);
      concealed.push(...readToday.concealed);
    } else {
      let read = false;
      let users: UserIndex | undefined;
      if (!skipWithout(ctx, reportsPart, PERMISSIONS.reports)) {
        users = await userIndex(ctx);
        const known = users;
        read = await optionalPart(ctx, reportsPart, PERMISSIONS.reports[0], async () => {
          concealed.push(
            ...[
              await readActivityReport(ctx, ACTIVE_USERS, known),
              await readActivityReport(ctx, EMAIL_ACTIVITY, known),
            ].filter((r): r is string => r !== null),
          );
        });
      }
      const copilot = await readCopilotUsage(ctx, users);
      if (copilot.concealed) concealed.push('copilot');
      // What a same-day incremental run repeats instead of reading the reports again.
      if (read) await markReportsRead(ctx, 'access', { counts: copilot.counts, concealed });
    }
    await signIns;
    if (concealed.length) skipConcealed(ctx, concealed);
    // From the activations report the roster just stored; no Graph call of its own.
    await recordVisioActivations(ctx);
    await clearStaleActivity(ctx);
    await refreshLastUsed(ctx);
  },
};

/** A usage report that gives per-app days: each app's day in a column of the user's row. */
interface ActivityReport {
  /** Its key in report_reads and suspicious activities. */
  name: string;
  read(graph: GraphClient, columns: readonly string[]): AsyncIterable<ReportRow[]>;
  apps: [AppName, string][];
}

const ACTIVE_USERS: ActivityReport = {
  name: 'activeUsers',
  read: (graph, columns) => office365ActiveUserDetail(graph, 'D180', columns),
  apps: Object.entries(ACTIVE_USER_COLUMNS) as [AppName, string][],
};

const EMAIL_ACTIVITY: ActivityReport = {
  name: 'emailActivity',
  read: (graph, columns) => emailActivityUserDetail(graph, 'D180', columns),
  apps: [['outlook', 'Last Activity Date']],
};

/**
 * One report's per-app days, written where they changed. A user's days are first compared with
 * those stored from the latest read (reportDaysByUser): on a day's read most users' are the same,
 * and only the others' go to the database, which compares them day by day as it writes
 * (withActivityWriter). Returns the report's name when some of its rows were concealed.
 */
async function readActivityReport(ctx: TaskContext, report: ActivityReport, users: UserIndex): Promise<string | null> {
  let concealed: string | null = null;
  let refreshed: string | null = null;
  const columns = ['Report Refresh Date', 'User Principal Name', ...report.apps.map(([, column]) => column)];
  // In name order, as the stored days are joined.
  const apps = [...report.apps].sort(([a], [b]) => (a < b ? -1 : 1));
  const cutoff = cutoffOf(ctx);
  const download = readAhead(ctx.timing.reads(report.read(ctx.graph, columns)));
  // By user number (src/tasks/user-index.ts).
  const stored = new Array<string | undefined>(users.size);
  await download.meanwhile(
    ctx.write((m) =>
      reportDaysByUser(
        m,
        apps.map(([app]) => app),
        cutoff,
        (userId, days) => {
          const n = users.ofId(userId);
          if (n !== undefined) stored[n] = days;
        },
      ),
    ),
  );
  // A user the report lists twice: the later row wins, as it did when every row went to the database.
  const written = new Uint8Array(users.size);
  const days: [AppName, string][] = [];
  await withActivityWriter(ctx, 'report', async (writer) => {
    for await (const rows of download) {
      for (const row of rows) {
        refreshed ??= reportDate(row['Report Refresh Date']);
        const upn = row['User Principal Name'] ?? '';
        if (isConcealedName(upn)) {
          await recordConcealed(ctx, (concealed = report.name), upn, row);
          continue;
        }
        const n = users.ofUpn(upn);
        if (n === undefined) continue;
        days.length = 0;
        let text = '';
        for (const [app, column] of apps) {
          const day = reportDate(row[column]);
          // No day, or one past the retention: nothing to write (withActivityWriter).
          if (!day || day < cutoff) continue;
          days.push([app, day]);
          text += `${text ? ';' : ''}${app}=${day}`;
        }
        if (days.length === 0) continue;
        const before = written[n] ? undefined : stored[n];
        if (before === text) continue;
        written[n] = 1;
        const userId = users.ids[n]!;
        // The days that differ from the stored ones (those of a user listed twice: all).
        const kept = before === undefined ? '' : `;${before};`;
        for (const [app, day] of days) if (!kept.includes(`;${app}=${day};`)) writer.add(userId, app, day);
      }
      await writer.flushFull();
    }
  });
  // The report's days are as of this read (src/store/report-reads.ts).
  const now = ctx.now().toISOString();
  await ctx.write((m) => saveReportRead(m, report.name, refreshed ?? now.slice(0, 10), now));
  ctx.count('reportsRead');
  return concealed;
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
          writer.add(s.userId, app, s.createdDateTime);
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
