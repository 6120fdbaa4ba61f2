import type { EntityManager } from 'typeorm';
import {
  isConcealedName,
  m365AppUserDetail,
  mailboxUsageDetail,
  office365ActivationsUserDetail,
  oneDriveUsageAccountDetail,
  reportDate,
  type GraphClient,
  type ReportHeader,
  type ReportLines,
  type ReportRow,
} from '../../graph';
import {
  currentSnapshots,
  datedSnapshotUsers,
  markSnapshotsLeft,
  reportReadDate,
  ReportSnapshot,
  replaceSnapshots,
  reportRowDigest,
  saveReportRead,
  userDigest,
  type SnapshotRow,
} from '../../store';
import { recordConcealed } from '../concealed';
import { detached } from '../detached';
import { markReportsRead, reportsReadToday, takeReportColumnsMark } from '../cursors';
import { readAhead } from '../read-ahead';
import type { TaskContext } from '../task';
import { userIndex } from '../user-index';
import { withWriteBehind } from '../write-behind';
import type { UserColumns, UserUpdate } from './user-columns';

interface UsageReport {
  /** Key in report_snapshots and suspicious_activities. */
  name: string;
  /** The report's records as their text, streamed in batches; a header's rows have these columns only (src/graph/endpoints/reports.ts). */
  read(graph: GraphClient, columns: readonly string[]): AsyncIterable<ReportLines>;
  upnColumn: string;
  /** Columns kept in the 90-day snapshot (the report's other columns are not used by the product). */
  keep: readonly string[];
  /** The user columns a user's rows set (one row each, but activations: one per product type). */
  update(rows: readonly ReportRow[]): UserUpdate;
}

const MB = 1024 * 1024;
const yes = (v: string | undefined) => /^(yes|true|1)$/i.test(v ?? '');
const mb = (v: string | undefined) =>
  v && Number.isFinite(Number(v)) ? Math.round((Number(v) / MB) * 100) / 100 : null;

/** The roster's four reports (docs/product-rules.md R24: Activations, Mail/OneDrive usage, Windows/Mac/Mobile/Web). */
const REPORTS: UsageReport[] = [
  {
    name: 'activations',
    read: (graph, columns) => office365ActivationsUserDetail(graph, columns),
    upnColumn: 'User Principal Name',
    keep: [
      'Product Type',
      'Last Activated Date',
      'Windows',
      'Mac',
      'Windows 10 Mobile',
      'iOS',
      'Android',
      'Activated On Shared Computer',
    ],
    update: (rows) => {
      const products = [...new Set(rows.map((r) => r['Product Type']).filter((p): p is string => !!p))];
      return products.length ? { activations: products.sort().join(', ').slice(0, 512) } : {};
    },
  },
  {
    name: 'm365apps',
    read: (graph, columns) => m365AppUserDetail(graph, 'D90', columns),
    upnColumn: 'User Principal Name',
    keep: [
      'Last Activation Date',
      'Last Activity Date',
      'Report Period',
      'Windows',
      'Mac',
      'Mobile',
      'Web',
      'Outlook',
      'Word',
      'Excel',
      'PowerPoint',
      'OneNote',
      'Teams',
    ],
    update: ([r]) => ({
      usesWindows: yes(r?.['Windows']),
      usesMac: yes(r?.['Mac']),
      usesMobile: yes(r?.['Mobile']),
      usesWeb: yes(r?.['Web']),
    }),
  },
  {
    name: 'onedrive',
    read: (graph, columns) => oneDriveUsageAccountDetail(graph, 'D90', columns),
    upnColumn: 'Owner Principal Name',
    keep: [
      'Last Activity Date',
      'File Count',
      'Active File Count',
      'Storage Used (Byte)',
      'Storage Allocated (Byte)',
      'Report Period',
    ],
    update: ([r]) => ({ oneDriveUsageMb: mb(r?.['Storage Used (Byte)']) }),
  },
  {
    name: 'mailbox',
    read: (graph, columns) => mailboxUsageDetail(graph, 'D90', columns),
    upnColumn: 'User Principal Name',
    keep: [
      'Created Date',
      'Last Activity Date',
      'Item Count',
      'Storage Used (Byte)',
      'Prohibit Send/Receive Quota (Byte)',
      'Has Archive',
      'Recipient Type',
      'Report Period',
    ],
    // Newer tenants add "Recipient Type" (shared, room, …): what the tenant tells about the mailbox.
    update: ([r]) => ({
      mailUsageMb: mb(r?.['Storage Used (Byte)']),
      ...(r?.['Recipient Type'] ? { mailboxType: r['Recipient Type'] } : {}),
    }),
  },
];

/** Changed snapshot rows per write: a transaction each, written while the next ones are read. */
const BATCH = 5000;

/** The columns read from every record: the report's day, and the mailbox's kind where the tenant tells it. */
const REFRESHED = 'Report Refresh Date';
const TYPED = 'Recipient Type';

/** Counts a report read sets, repeated by a run that finds today's read done. */
const READ_COUNTS = ['activationsRows', 'm365appsRows', 'onedriveRows', 'mailboxRows', 'mailboxTypedRows'];

/**
 * Streams each report into 90-day snapshots, writing only what changed, and gathers the user columns
 * it sets into `columns` (written once, with MFA: src/tasks/roster/user-columns.ts); concealed rows
 * become suspicious activities. An incremental run does not read reports already read today (UTC;
 * the service refreshes them once a day): what that read said is said again. It also leaves out the
 * columns of users whose rows did not change, when the store holds the columns of the read before
 * (src/tasks/cursors.ts, takeReportColumnsMark); a full run sets every user's. `read` tells whether
 * the reports were read: their columns are then to be marked written, once they are.
 */
export async function syncUsageReports(
  ctx: TaskContext,
  options: { incremental: boolean },
  columns: UserColumns,
): Promise<{ concealed: string[]; read: boolean }> {
  const done = options.incremental ? await reportsReadToday(ctx, 'roster') : null;
  if (done) {
    for (const [key, n] of Object.entries(done.counts)) ctx.count(key, n);
    ctx.count('reportsSkipped', REPORTS.length);
    return { concealed: done.concealed, read: false };
  }
  const columnsKept = (await takeReportColumnsMark(ctx)) && options.incremental;
  const users = await userIndex(ctx);
  const concealed = new Set<string>();
  const counts: Record<string, number> = {};
  for (const report of REPORTS) {
    let rows = 0;
    let typed = 0;
    // What this read uses; a concealed row is recorded with these too (src/tasks/concealed.ts).
    const read = [...new Set([report.upnColumn, REFRESHED, TYPED, ...report.keep])];
    const download = readAhead(ctx.timing.reads(report.read(ctx.graph, read)));
    // The users the latest read had, with their rows' digest; each user this read has is taken out,
    // so the users left at the end are those this read no longer has (and those no longer active).
    const current = await download.meanwhile(
      ctx.write((m) => currentSnapshots(m, report.name, users.ofId, users.size)),
    );
    // The users with stored rows of this report: only theirs are deleted before a write (none, on
    // the first read), and a user written is added, should the report list them again further on.
    const stored = new Uint8Array(users.size);
    for (let n = 0; n < users.size; n++) if (current.digests[n] !== undefined) stored[n] = 1;
    const dated = await download.meanwhile(ctx.write((m) => datedSnapshotUsers(m, report.name)));
    for (const userId of dated) {
      const n = users.ofId(userId);
      if (n !== undefined) stored[n] = 1;
    }
    let refreshed: string | null = null;
    // The header of the report's text, and where the fields read from every record are.
    let header: ReportHeader | undefined;
    let at = { upn: -1, refreshed: -1, typed: -1 };
    await withWriteBehind(ctx, async (writer) => {
      // Changed users' rows wait until a write's worth has gathered: on a day when few changed, a
      // transaction per read batch would rewrite the same index pages for a few hundred rows each.
      let changed = new Map<string, SnapshotRow[]>();
      let changedRows = 0;
      let replaced = new Set<string>();
      const write = async () => {
        const rows = [...changed.values()].flat();
        const users = [...replaced];
        changed = new Map();
        changedRows = 0;
        replaced = new Set();
        if (rows.length) await writer.push((m) => replaceSnapshots(m, report.name, rows, users));
      };
      // The records of the user being read (a report lists a user's rows one after the other): a
      // user whose rows did not change is done with as soon as the next one starts, so their text
      // dies young instead of waiting in a batch, holding the report's, for the collector to copy.
      // Their records are cut into fields only when the rows changed or their columns are wanted.
      let user = null as UserRows | null;
      const settle = () => {
        if (!user || !header) return;
        const { n, upn, lines } = user;
        const userId = users.ids[n]!;
        user = null;
        const before = current.digests[n];
        const digests = lines.map((line) => reportRowDigest(header!.steady(line)));
        const unchanged = before !== undefined && before === userDigest(digests);
        current.digests[n] = undefined;
        if (unchanged && columnsKept) return;
        const own = lines.map((line) => header!.row(line));
        columns.set(userId, report.update(own));
        if (!unchanged) {
          const snapshots = own.map((row, i) => snapshotRow(report, userId, upn, row, digests[i]!));
          // Listed twice: the later rows win, as they would written one after the other.
          changedRows += snapshots.length - (changed.get(userId)?.length ?? 0);
          changed.set(userId, snapshots);
          if (stored[n]) replaced.add(userId);
          stored[n] = 1;
        }
      };
      for await (const chunk of download) {
        if (!header) {
          header = chunk.header;
          const { upnColumn } = report;
          at = { upn: header.indexOf(upnColumn), refreshed: header.indexOf(REFRESHED), typed: header.indexOf(TYPED) };
        }
        for (const line of chunk.lines) {
          rows++;
          refreshed ??= reportDate(header.field(line, at.refreshed));
          const upn = header.field(line, at.upn);
          if (at.typed >= 0 && header.field(line, at.typed)) typed++;
          if (isConcealedName(upn)) {
            concealed.add(report.name);
            await recordConcealed(ctx, report.name, upn, header.row(line));
            continue;
          }
          const n = users.ofUpn(upn);
          if (n === undefined) continue;
          if (user?.n === n) {
            user.lines.push(line);
            continue;
          }
          settle();
          if (changedRows >= BATCH) await write();
          user = { n, upn, lines: [line] };
        }
      }
      settle();
      await write();
    });
    const left = [...current.others];
    for (let n = 0; n < users.size; n++) if (current.digests[n] !== undefined) left.push(users.ids[n]!);
    await settleRead(ctx, report.name, refreshed ?? ctx.now().toISOString().slice(0, 10), left);
    counts[`${report.name}Rows`] = rows;
    // Whether the tenant tells mailbox types at all (older tenants' mailbox report has no Recipient Type).
    if (report.name === 'mailbox') counts['mailboxTypedRows'] = typed;
    ctx.count('reportsRead');
    ctx.progress(`${report.name} report: ${rows} rows`);
  }
  for (const key of READ_COUNTS) if (counts[key] !== undefined) ctx.count(key, counts[key]);
  await markReportsRead(ctx, 'roster', { counts, concealed: [...concealed] });
  return { concealed: [...concealed], read: true };
}

/**
 * A whole read of a report done: the snapshots of users it no longer has keep the date of the read
 * before (the last that had them), and this read's date becomes the one its other rows are as of.
 */
async function settleRead(ctx: TaskContext, report: string, day: string, left: readonly string[]): Promise<void> {
  const written = await ctx.write(async (m) => {
    const before = await reportReadDate(m, report);
    const marked = await markSnapshotsLeft(m, report, left, before ?? day);
    await saveReportRead(m, report, day, ctx.now().toISOString());
    return marked;
  });
  ctx.count('rowsWritten', written);
}

/** A user's records of a report, read one after the other. */
interface UserRows {
  /** The user's number (src/tasks/user-index.ts). */
  n: number;
  upn: string;
  /** Each record's text (src/graph/report-header.ts). */
  lines: string[];
}

/**
 * One snapshot per user and report (the newest): the report itself spans 90 days, and keeping every
 * daily copy would grow by users × reports each day. Pruning drops users gone for 90 days.
 */
function snapshotRow(report: UsageReport, userId: string, upn: string, row: ReportRow, digest: string): SnapshotRow {
  const data: Record<string, string> = {};
  for (const k of report.keep) if (row[k] !== undefined) data[k] = detached(row[k]);
  return { userId, userPrincipalName: detached(upn), data, digest };
}

/**
 * Only the last 90 days of report data are kept (docs/product-rules.md R10): a snapshot as of the
 * latest read (null date) goes when that read is older than 90 days. Returns the users who lost
 * snapshots (src/tasks/retention.ts clears what those users no longer have a snapshot for).
 */
export async function pruneSnapshots(ctx: TaskContext, manager: EntityManager): Promise<string[]> {
  const cutoff = new Date(ctx.now().getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
  const old = `("reportRefreshDate" < :cutoff OR ("reportRefreshDate" IS NULL AND "report" IN (SELECT "r"."report" FROM "report_reads" "r" WHERE "r"."reportRefreshDate" < :cutoff)))`;
  // Not DISTINCT: SQLite would then walk the index on user and read every snapshot (1 s at 100,000
  // users) rather than the few rows of the covering index on report and date.
  const users = await manager
    .createQueryBuilder()
    .select('"userId"', 'userId')
    .from(ReportSnapshot, 's')
    .where(`${old} AND "userId" IS NOT NULL`, { cutoff })
    .getRawMany<{ userId: string }>();
  const result = await manager.createQueryBuilder().delete().from(ReportSnapshot).where(old, { cutoff }).execute();
  ctx.count('snapshotsPruned', result.affected ?? 0);
  ctx.count('rowsWritten', result.affected ?? 0);
  return [...new Set(users.map((u) => u.userId))];
}
