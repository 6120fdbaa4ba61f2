import { SyncCursor, type AppName } from '../store';
import { emailActivityUserDetail, isConcealedName, listSignIns, office365ActiveUserDetail, reportDate } from '../graph';
import { activityWriter, recordVisioActivations, refreshLastUsed } from './activity';
import { ACTIVE_USER_COLUMNS, SIGN_IN_APP_IDS } from './apps';
import { recordConcealed, skipConcealed } from './concealed';
import { readCopilotUsage } from './copilot-usage';
import { PERMISSIONS } from './permissions';
import { clearStaleActivity } from './retention';
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
    // Concealed rows match nobody: recorded, counted and said (once for every report), never dropped in silence.
    const concealed: string[] = [];
    if (!skipWithout(ctx, reportsPart, PERMISSIONS.reports)) {
      const ids = await userIdsByUpn(ctx);
      await optionalPart(ctx, reportsPart, PERMISSIONS.reports[0], async () => {
        concealed.push(...[await readActiveUsers(ctx, ids), await readEmailActivity(ctx, ids)].filter((r): r is string => r !== null));
      });
    }
    await signIns;
    if (await readCopilotUsage(ctx)) concealed.push('copilot');
    if (concealed.length) skipConcealed(ctx, concealed);
    // From the activations report the roster just stored; no Graph call of its own.
    await recordVisioActivations(ctx);
    await clearStaleActivity(ctx);
    await refreshLastUsed(ctx);
  },
};

/** Each returns its report's name when some of its rows were concealed. */
async function readActiveUsers(ctx: TaskContext, ids: Map<string, string>): Promise<string | null> {
  const writer = activityWriter(ctx, 'report');
  let concealed: string | null = null;
  for await (const row of office365ActiveUserDetail(ctx.graph, 'D180')) {
    const upn = row['User Principal Name'] ?? '';
    if (isConcealedName(upn)) {
      await recordConcealed(ctx, (concealed = 'activeUsers'), upn, row);
      continue;
    }
    const userId = ids.get(upn.toLowerCase());
    if (!userId) continue;
    for (const [app, column] of Object.entries(ACTIVE_USER_COLUMNS) as [AppName, string][]) {
      await writer.add(userId, app, reportDate(row[column]), reportDate(row['Report Refresh Date']));
    }
  }
  await writer.flush();
  return concealed;
}

async function readEmailActivity(ctx: TaskContext, ids: Map<string, string>): Promise<string | null> {
  const writer = activityWriter(ctx, 'report');
  let concealed: string | null = null;
  for await (const row of emailActivityUserDetail(ctx.graph, 'D180')) {
    const upn = row['User Principal Name'] ?? '';
    if (isConcealedName(upn)) {
      await recordConcealed(ctx, (concealed = 'emailActivity'), upn, row);
      continue;
    }
    const userId = ids.get(upn.toLowerCase());
    if (userId) await writer.add(userId, 'outlook', reportDate(row['Last Activity Date']), reportDate(row['Report Refresh Date']));
  }
  await writer.flush();
  return concealed;
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
