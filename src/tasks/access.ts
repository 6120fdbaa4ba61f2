import { AppActivity, bulkUpsert, SyncCursor, TenantUser, type AppName } from '../store';
import { emailActivityUserDetail, isConcealedName, listSignIns, office365ActiveUserDetail, reportDate } from '../graph';
import { ACTIVE_USER_COLUMNS, SIGN_IN_APP_IDS } from './apps';
import { readCopilotUsage } from './copilot-usage';
import { PERMISSIONS } from './permissions';
import { optionalPart, skipWithout } from './skip';
import type { IntegrationTask, TaskContext } from './task';
import { userIdsByUpn } from './user-index';

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
    if (!skipWithout(ctx, reportsPart, PERMISSIONS.reports)) {
      const ids = await userIdsByUpn(ctx);
      await optionalPart(ctx, reportsPart, PERMISSIONS.reports[0], async () => {
        await readActiveUsers(ctx, ids);
        await readEmailActivity(ctx, ids);
      });
    }
    await signIns;
    await readCopilotUsage(ctx);
    await refreshLastUsed(ctx);
  },
};

async function readActiveUsers(ctx: TaskContext, ids: Map<string, string>) {
  const writer = activityWriter(ctx, 'report');
  for await (const row of office365ActiveUserDetail(ctx.graph, 'D180')) {
    const upn = row['User Principal Name'] ?? '';
    const userId = ids.get(upn.toLowerCase());
    if (!userId || isConcealedName(upn)) continue;
    for (const [app, column] of Object.entries(ACTIVE_USER_COLUMNS) as [AppName, string][]) {
      await writer.add(userId, app, reportDate(row[column]), reportDate(row['Report Refresh Date']));
    }
  }
  await writer.flush();
}

async function readEmailActivity(ctx: TaskContext, ids: Map<string, string>) {
  const writer = activityWriter(ctx, 'report');
  for await (const row of emailActivityUserDetail(ctx.graph, 'D180')) {
    const userId = ids.get((row['User Principal Name'] ?? '').toLowerCase());
    if (userId) await writer.add(userId, 'outlook', reportDate(row['Last Activity Date']), reportDate(row['Report Refresh Date']));
  }
  await writer.flush();
}

async function readSignIns(ctx: TaskContext) {
  const cursors = ctx.dataSource.getRepository(SyncCursor);
  const writer = activityWriter(ctx, 'signin');
  for (const [app, appId] of Object.entries(SIGN_IN_APP_IDS) as [AppName, string][]) {
    const name = `signins:${app}`;
    const cursor = await cursors.findOneBy({ name });
    const since = cursor?.value ?? new Date(ctx.now().getTime() - FIRST_RUN_DAYS * 86_400_000).toISOString();
    let newest = since;
    // Newest first: a user's first sign-in seen is their latest; failed sign-ins are not use.
    const seen = new Set<string>();
    for await (const page of listSignIns(ctx.graph, { appId, since, after: !!cursor })) {
      for (const s of page.items) {
        if (s.createdDateTime > newest) newest = s.createdDateTime;
        if ((s.status?.errorCode ?? 0) !== 0 || seen.has(s.userId)) continue;
        seen.add(s.userId);
        await writer.add(s.userId, app, s.createdDateTime, null);
      }
      const read = page.items.length + page.rejected.length;
      ctx.count('signIns', read);
      ctx.count(`signIns.${app}`, read);
    }
    await writer.flush();
    await cursors.save({ name, value: newest, updatedAt: ctx.now().toISOString() });
  }
}

/** Buffers activity rows and upserts them 1,000 at a time (one row per user and app). */
function activityWriter(ctx: TaskContext, source: 'report' | 'signin') {
  let rows: AppActivity[] = [];
  const now = ctx.now().toISOString();
  const flush = async () => {
    if (rows.length === 0) return;
    const batch = rows;
    rows = [];
    await ctx.dataSource.transaction((m) => bulkUpsert(m, AppActivity, batch, { conflict: ['userId', 'app'], update: ['lastActivityDate', 'source', 'asOf', 'updatedAt'] }));
    ctx.count('rowsWritten', batch.length);
  };
  return {
    async add(userId: string, app: AppName, date: string | null, asOf: string | null) {
      // No date means no activity in the report's window: an earlier known date stays true.
      if (!date) return;
      rows.push({ userId, app, lastActivityDate: date, source, asOf, updatedAt: now });
      if (rows.length >= 1000) await flush();
    },
    flush,
  };
}

/**
 * "Last Used M365 Application" and its date, set-based in SQL: the app with the newest activity
 * (YYYY-MM-DD and ISO instants sort together as text). Stored as the app key of src/store/apps.ts.
 */
async function refreshLastUsed(ctx: TaskContext) {
  const q = (name: string) => ctx.dataSource.driver.escape(name);
  const latest = ctx.dataSource
    .createQueryBuilder()
    .subQuery()
    .select(`MAX(${q('a')}.${q('lastActivityDate')})`)
    .from(AppActivity, 'a')
    .where(`${q('a')}.${q('userId')} = ${q('users')}.${q('id')}`)
    .getQuery();
  const app = ctx.dataSource
    .createQueryBuilder()
    .subQuery()
    .select(`${q('b')}.${q('app')}`)
    .from(AppActivity, 'b')
    .where(`${q('b')}.${q('userId')} = ${q('users')}.${q('id')} AND ${q('b')}.${q('lastActivityDate')} IS NOT NULL`)
    .orderBy(`${q('b')}.${q('lastActivityDate')}`, 'DESC')
    .limit(1)
    .getQuery();
  await ctx.dataSource
    .createQueryBuilder()
    .update(TenantUser)
    .set({ lastActivityDate: () => `SUBSTR(${latest}, 1, 10)`, lastUsedApp: () => app })
    .execute();
}
