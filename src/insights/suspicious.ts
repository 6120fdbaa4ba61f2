import type { DataSource } from 'typeorm';
import { CONCEALED_FIX, readSuspicious, REPORT_LABELS } from '../store';

/** One report row that could not be matched to a user because its names are concealed. */
export interface SuspiciousActivityRow {
  report: string;
  reportLabel: string;
  /** The 32-hex hash the report shows instead of the user principal name. */
  concealedName: string;
  reportRefreshDate: string;
  /** The row's own "Last Activity Date", when the report has one. */
  lastActivityDate: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface SuspiciousPage {
  total: number;
  page: number;
  pageSize: number;
  /** Rows per report, with when one was last seen. */
  byReport: { report: string; label: string; rows: number; lastSeenAt: string }[];
  items: SuspiciousActivityRow[];
  /** How to stop concealment, so the next sync matches the rows to users. */
  fix: string;
}

/**
 * Suspicious activities (docs/product-rules.md R14: with concealed names, the activity data ends up
 * there): report rows the tasks could not match to a user, newest seen first.
 */
export async function suspiciousActivities(
  store: DataSource,
  options: { page?: number; pageSize?: number } = {},
): Promise<SuspiciousPage> {
  const pageSize = Math.min(500, Math.max(1, Math.floor(options.pageSize ?? 10)));
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const { rows, perReport } = await readSuspicious(store, (page - 1) * pageSize, pageSize);
  const label = (report: string) => REPORT_LABELS[report] ?? report;
  const day = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);
  return {
    total: perReport.reduce((n, r) => n + r.rows, 0),
    page,
    pageSize,
    byReport: perReport.map((r) => ({ ...r, label: label(r.report) })),
    items: rows.map((r) => ({
      report: r.report,
      reportLabel: label(r.report),
      concealedName: r.concealedName,
      reportRefreshDate: r.reportRefreshDate,
      lastActivityDate: day(r.data['Last Activity Date'] ?? r.data['Last Activated Date']),
      firstSeenAt: r.firstSeenAt,
      lastSeenAt: r.lastSeenAt,
    })),
    fix: CONCEALED_FIX,
  };
}
