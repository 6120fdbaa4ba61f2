import type { EntityManager } from 'typeorm';
import {
  isConcealedName, m365AppUserDetail, mailboxUsageDetail, office365ActivationsUserDetail, oneDriveUsageAccountDetail, reportDate,
  type GraphClient, type ReportRow,
} from '../../graph';
import { ReportSnapshot, replaceSnapshots, SuspiciousActivity, TenantUser, updateChanged } from '../../store';
import { markReportsRead, reportsReadToday } from '../cursors';
import type { TaskContext } from '../task';
import { userIdsByUpn } from '../user-index';
import { withWriteBehind } from '../write-behind';

type UserUpdate = Partial<Pick<TenantUser, 'activations' | 'mailUsageMb' | 'oneDriveUsageMb' | 'mailboxType' | 'usesWindows' | 'usesMac' | 'usesMobile' | 'usesWeb'>>;

interface UsageReport {
  /** Key in report_snapshots and suspicious_activities. */
  name: string;
  /** The report's rows, streamed in batches (src/graph/endpoints/reports.ts). */
  read(graph: GraphClient): AsyncIterable<ReportRow[]>;
  upnColumn: string;
  /** Columns kept in the 90-day snapshot (the report's other columns are not used by the product). */
  keep: readonly string[];
  /** The user columns a row sets; activations are gathered per user instead. */
  update?(row: ReportRow): UserUpdate;
}

const MB = 1024 * 1024;
const yes = (v: string | undefined) => /^(yes|true|1)$/i.test(v ?? '');
const mb = (v: string | undefined) => (v && Number.isFinite(Number(v)) ? Math.round((Number(v) / MB) * 100) / 100 : null);

/** The roster's four reports (seeds' Users tab: Activations, Mail/OneDrive usage, Windows/Mac/Mobile/Web). */
const REPORTS: UsageReport[] = [
  {
    name: 'activations',
    read: (graph) => office365ActivationsUserDetail(graph),
    upnColumn: 'User Principal Name',
    keep: ['Product Type', 'Last Activated Date', 'Windows', 'Mac', 'Windows 10 Mobile', 'iOS', 'Android', 'Activated On Shared Computer'],
  },
  {
    name: 'm365apps',
    read: (graph) => m365AppUserDetail(graph, 'D90'),
    upnColumn: 'User Principal Name',
    keep: ['Last Activation Date', 'Last Activity Date', 'Report Period', 'Windows', 'Mac', 'Mobile', 'Web', 'Outlook', 'Word', 'Excel', 'PowerPoint', 'OneNote', 'Teams'],
    update: (r) => ({ usesWindows: yes(r['Windows']), usesMac: yes(r['Mac']), usesMobile: yes(r['Mobile']), usesWeb: yes(r['Web']) }),
  },
  {
    name: 'onedrive',
    read: (graph) => oneDriveUsageAccountDetail(graph, 'D90'),
    upnColumn: 'Owner Principal Name',
    keep: ['Last Activity Date', 'File Count', 'Active File Count', 'Storage Used (Byte)', 'Storage Allocated (Byte)', 'Report Period'],
    update: (r) => ({ oneDriveUsageMb: mb(r['Storage Used (Byte)']) }),
  },
  {
    name: 'mailbox',
    read: (graph) => mailboxUsageDetail(graph, 'D90'),
    upnColumn: 'User Principal Name',
    keep: ['Created Date', 'Last Activity Date', 'Item Count', 'Storage Used (Byte)', 'Prohibit Send/Receive Quota (Byte)', 'Has Archive', 'Recipient Type', 'Report Period'],
    // Newer tenants add "Recipient Type" (shared, room, …): what the tenant tells about the mailbox.
    update: (r) => ({ mailUsageMb: mb(r['Storage Used (Byte)']), ...(r['Recipient Type'] ? { mailboxType: r['Recipient Type'] } : {}) }),
  },
];

/** Report rows per write: a transaction each, written while the next ones are read. */
const BATCH = 5000;

/** Counts a report read sets, repeated by a run that finds today's read done. */
const READ_COUNTS = ['activationsRows', 'm365appsRows', 'onedriveRows', 'mailboxRows', 'mailboxTypedRows'];

/**
 * Streams each report into user columns and 90-day snapshots, writing only what changed; concealed
 * rows become suspicious activities. With `onceADay`, reports already read today (UTC) are not read
 * again (the service refreshes them once a day): what that read said is said again.
 */
export async function syncUsageReports(ctx: TaskContext, options: { onceADay: boolean }): Promise<{ concealed: boolean }> {
  const done = options.onceADay ? await reportsReadToday(ctx, 'roster') : null;
  if (done) {
    for (const [key, n] of Object.entries(done.counts)) ctx.count(key, n);
    ctx.count('reportsSkipped', REPORTS.length);
    return { concealed: done.concealed };
  }
  const ids = await userIdsByUpn(ctx);
  let concealed = false;
  const counts: Record<string, number> = {};
  for (const report of REPORTS) {
    const activations = new Map<string, Set<string>>();
    let rows = 0;
    let typed = 0;
    await withWriteBehind(ctx, async (writer) => {
      let batch: Entry[] = [];
      const flush = async () => {
        const current = batch;
        batch = [];
        if (current.length) await writer.push((m) => writeBatch(m, ctx, report, current));
      };
      for await (const chunk of ctx.timing.reads(report.read(ctx.graph))) {
        for (const row of chunk) {
          rows++;
          const upn = row[report.upnColumn] ?? '';
          if (row['Recipient Type']) typed++;
          if (isConcealedName(upn)) {
            concealed = true;
            await recordConcealed(ctx, report.name, upn, row);
            continue;
          }
          const userId = ids.get(upn.toLowerCase());
          if (!userId) continue;
          if (report.name === 'activations' && row['Product Type']) {
            const set = activations.get(userId) ?? new Set<string>();
            set.add(row['Product Type']);
            activations.set(userId, set);
          }
          // A user's rows stay in one batch (the snapshot replaces the user's rows as a whole).
          if (batch.length >= BATCH && batch[batch.length - 1]!.userId !== userId) await flush();
          batch.push({ userId, row, upn });
        }
      }
      await flush();
      if (activations.size) {
        const values = [...activations].map(([id, products]) => ({ id, activations: [...products].sort().join(', ').slice(0, 512) }));
        for (let i = 0; i < values.length; i += BATCH) {
          const part = values.slice(i, i + BATCH);
          await writer.push(async (m) => (await updateChanged(m, TenantUser, part, ['activations'])).length);
        }
      }
    });
    counts[`${report.name}Rows`] = rows;
    // Whether the tenant tells mailbox types at all (older tenants' mailbox report has no Recipient Type).
    if (report.name === 'mailbox') counts['mailboxTypedRows'] = typed;
    ctx.count('reportsRead');
    ctx.progress(`${report.name} report: ${rows} rows`);
  }
  for (const key of READ_COUNTS) if (counts[key] !== undefined) ctx.count(key, counts[key]);
  await markReportsRead(ctx, 'roster', { counts, concealed });
  return { concealed };
}

interface Entry {
  userId: string;
  row: ReportRow;
  upn: string;
}

async function writeBatch(manager: EntityManager, ctx: TaskContext, report: UsageReport, batch: Entry[]): Promise<number> {
  let written = 0;
  if (report.update) {
    const update = report.update;
    const rows = batch.map(({ userId, row }) => ({ id: userId, ...update(row) }));
    written += (await updateChanged(manager, TenantUser, rows, [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'id') as (keyof TenantUser & string)[])).length;
  }
  // One snapshot per user and report (the newest): the report itself spans 90 days, and keeping
  // every daily copy would grow by users × reports each day. Pruning drops users gone for 90 days.
  written += await replaceSnapshots(manager, report.name, batch.map(({ userId, row, upn }) => ({
    userId,
    userPrincipalName: upn,
    reportRefreshDate: reportDate(row['Report Refresh Date']) ?? ctx.now().toISOString().slice(0, 10),
    data: Object.fromEntries(report.keep.filter((k) => row[k] !== undefined).map((k) => [k, row[k]!])),
  })));
  return written;
}


async function recordConcealed(ctx: TaskContext, report: string, name: string, row: ReportRow) {
  const now = ctx.now().toISOString();
  await ctx.dataSource
    .createQueryBuilder()
    .insert()
    .into(SuspiciousActivity)
    .values({ report, concealedName: name, reportRefreshDate: reportDate(row['Report Refresh Date']) ?? now.slice(0, 10), data: row, runId: ctx.run.id, firstSeenAt: now, lastSeenAt: now })
    .orUpdate(['reportRefreshDate', 'data', 'runId', 'lastSeenAt'], ['report', 'concealedName'])
    .execute();
  ctx.count('suspicious');
}

/** Only the last 90 days of report data are kept (seeds). */
export async function pruneSnapshots(ctx: TaskContext): Promise<void> {
  const cutoff = new Date(ctx.now().getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
  const result = await ctx.dataSource.createQueryBuilder().delete().from(ReportSnapshot).where('reportRefreshDate < :cutoff', { cutoff }).execute();
  ctx.count('snapshotsPruned', result.affected ?? 0);
  ctx.count('rowsWritten', result.affected ?? 0);
}
