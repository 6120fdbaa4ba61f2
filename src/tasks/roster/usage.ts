import type { EntityManager } from 'typeorm';
import {
  isConcealedName, m365AppUserDetail, mailboxUsageDetail, office365ActivationsUserDetail, oneDriveUsageAccountDetail, reportDate,
  type GraphClient, type ReportRow,
} from '../../graph';
import { bulkUpdateById, bulkUpsert, ReportSnapshot, TenantUser } from '../../store';
import { recordConcealed } from '../concealed';
import type { TaskContext } from '../task';
import { userIdsByUpn } from '../user-index';

type UserUpdate = Partial<Pick<TenantUser, 'activations' | 'mailUsageMb' | 'oneDriveUsageMb' | 'mailboxType' | 'usesWindows' | 'usesMac' | 'usesMobile' | 'usesWeb'>>;

interface UsageReport {
  /** Key in report_snapshots and suspicious_activities. */
  name: string;
  /** The report's rows, streamed (src/graph/endpoints/reports.ts). */
  read(graph: GraphClient): AsyncIterable<ReportRow>;
  upnColumn: string;
  /** Columns kept in the 90-day snapshot (the report's other columns are not used by the product). */
  keep: readonly string[];
  /** The user columns a row sets; activations are gathered per user instead. */
  update?(row: ReportRow): UserUpdate;
}

const MB = 1024 * 1024;
const yes = (v: string | undefined) => /^(yes|true|1)$/i.test(v ?? '');
const mb = (v: string | undefined) => (v && Number.isFinite(Number(v)) ? Math.round((Number(v) / MB) * 100) / 100 : null);

/** The roster's four reports (docs/product-rules.md R24: Activations, Mail/OneDrive usage, Windows/Mac/Mobile/Web). */
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

/** Streams each report into user columns and 90-day snapshots; concealed rows become suspicious activities. */
export async function syncUsageReports(ctx: TaskContext): Promise<{ concealed: string[] }> {
  const ids = await userIdsByUpn(ctx);
  const concealed = new Set<string>();
  for (const report of REPORTS) {
    const activations = new Map<string, Set<string>>();
    let batch: { userId: string; row: ReportRow; upn: string }[] = [];
    let rows = 0;
    let typed = 0;
    const flush = async () => {
      const current = batch;
      batch = [];
      await ctx.dataSource.transaction((m) => writeBatch(m, ctx, report, current));
    };
    for await (const row of report.read(ctx.graph)) {
      rows++;
      const upn = row[report.upnColumn] ?? '';
      if (row['Recipient Type']) typed++;
      if (isConcealedName(upn)) {
        concealed.add(report.name);
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
      batch.push({ userId, row, upn });
      if (batch.length >= 1000) await flush();
    }
    await flush();
    if (activations.size) {
      const rows = [...activations].map(([id, products]) => ({ id, activations: [...products].sort().join(', ').slice(0, 512) }));
      await ctx.dataSource.transaction((m) => bulkUpdateById(m, TenantUser, rows, ['activations']));
    }
    ctx.count(`${report.name}Rows`, rows);
    // Whether the tenant tells mailbox types at all (older tenants' mailbox report has no Recipient Type).
    if (report.name === 'mailbox') ctx.count('mailboxTypedRows', typed);
    ctx.progress(`${report.name} report: ${rows} rows`);
  }
  return { concealed: [...concealed] };
}

async function writeBatch(manager: EntityManager, ctx: TaskContext, report: UsageReport, batch: { userId: string; row: ReportRow; upn: string }[]) {
  if (batch.length === 0) return;
  if (report.update) {
    const update = report.update;
    const rows = batch.map(({ userId, row }) => ({ id: userId, ...update(row) }));
    await bulkUpdateById(manager, TenantUser, rows, [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'id'));
  }
  const snapshots = batch.map(({ userId, row, upn }) => ({
    report: report.name,
    userId,
    userPrincipalName: upn,
    reportRefreshDate: reportDate(row['Report Refresh Date']) ?? ctx.now().toISOString().slice(0, 10),
    data: Object.fromEntries(report.keep.filter((k) => row[k] !== undefined).map((k) => [k, row[k]!])),
  }));
  // One snapshot per user and report (the newest): the report itself spans 90 days, and keeping
  // every daily copy would grow by users × reports each day. Pruning drops users gone for 90 days.
  await manager
    .createQueryBuilder()
    .delete()
    .from(ReportSnapshot)
    .where('report = :r AND userId IN (:...ids)', { r: report.name, ids: batch.map((b) => b.userId) })
    .execute();
  await bulkUpsert(manager, ReportSnapshot, snapshots);
  ctx.count('rowsWritten', batch.length * (report.update ? 2 : 1));
}

/** Only the last 90 days of report data are kept (docs/product-rules.md R10). */
export async function pruneSnapshots(ctx: TaskContext): Promise<void> {
  const cutoff = new Date(ctx.now().getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
  const result = await ctx.dataSource.createQueryBuilder().delete().from(ReportSnapshot).where('reportRefreshDate < :cutoff', { cutoff }).execute();
  ctx.count('snapshotsPruned', result.affected ?? 0);
}
