import type { DataSource } from 'typeorm';
import { SuspiciousActivity } from './entities';

/** How to turn report concealment off, as the Microsoft 365 admin center names it (docs/product-rules.md R14). */
export const CONCEALED_FIX =
  'In the Microsoft 365 admin center, go to Settings > Org settings > Reports and clear "Display concealed user, group, and site names in all reports".';

/** The usage reports whose rows may be concealed, by the name the tasks record them under. */
export const REPORT_LABELS: Readonly<Record<string, string>> = {
  activations: 'Microsoft 365 activations (getOffice365ActivationsUserDetail)',
  m365apps: 'Microsoft 365 Apps usage (getM365AppUserDetail)',
  onedrive: 'OneDrive usage (getOneDriveUsageAccountDetail)',
  mailbox: 'Mailbox usage (getMailboxUsageDetail)',
  activeUsers: 'Active users (getOffice365ActiveUserDetail)',
  emailActivity: 'Email activity (getEmailActivityUserDetail)',
  copilot: 'Microsoft 365 Copilot usage (getMicrosoft365CopilotUsageUserDetail)',
};

export interface NewSuspicious {
  report: string;
  concealedName: string;
  reportRefreshDate: string;
  data: SuspiciousActivity['data'];
  runId: string;
  at: string;
}

/** One row per report and concealed name, kept up to date (first seen stays). */
export async function recordSuspicious(store: DataSource, s: NewSuspicious): Promise<void> {
  await store
    .createQueryBuilder()
    .insert()
    .into(SuspiciousActivity)
    .values({
      report: s.report,
      concealedName: s.concealedName,
      reportRefreshDate: s.reportRefreshDate,
      data: s.data,
      runId: s.runId,
      firstSeenAt: s.at,
      lastSeenAt: s.at,
    })
    .orUpdate(['reportRefreshDate', 'data', 'runId', 'lastSeenAt'], ['report', 'concealedName'])
    .execute();
}

/** How many report rows are held as suspicious activities. */
export async function countSuspicious(store: DataSource): Promise<number> {
  return store.getRepository(SuspiciousActivity).count();
}

/** Suspicious activities, newest seen first, and how many there are per report. */
export async function readSuspicious(
  store: DataSource,
  offset: number,
  limit: number,
): Promise<{ rows: SuspiciousActivity[]; perReport: { report: string; rows: number; lastSeenAt: string }[] }> {
  const [rows, perReport] = await Promise.all([
    store
      .getRepository(SuspiciousActivity)
      .find({ order: { lastSeenAt: 'DESC', report: 'ASC', concealedName: 'ASC' }, skip: offset, take: limit }),
    store
      .getRepository(SuspiciousActivity)
      .createQueryBuilder('s')
      .select('s.report', 'report')
      .addSelect('COUNT(*)', 'n')
      .addSelect('MAX(s.lastSeenAt)', 'at')
      .groupBy('s.report')
      .orderBy('s.report')
      .getRawMany<{ report: string; n: number | string; at: string }>(),
  ]);
  return { rows, perReport: perReport.map((r) => ({ report: r.report, rows: Number(r.n), lastSeenAt: r.at })) };
}
