import type { GraphClient } from '../client';
import { GRAPH_PERMISSIONS } from '../permissions';
import { reportLines, reportRows, type ReportLines, type ReportRow } from '../reports';
import type { Endpoint } from './endpoint';

/**
 * Microsoft 365 usage reports: CSV through a 302 to a short-lived download, streamed in batches of
 * rows as the download arrives (src/graph/reports.ts), or of their records' text for the roster's four
 * reports, most of whose rows it reads no further than their user. Columns are read by header name by the callers; the data lags today by one
 * to three days (each row's Report Refresh Date says how much), and concealed names come as hashes.
 */
export type ReportPeriod = 'D7' | 'D30' | 'D90' | 'D180';

const usageReport = (fn: string): Endpoint => ({
  name: `GET /v1.0/reports/${fn}`,
  permission: GRAPH_PERMISSIONS.reports[0],
});

export const ACTIVE_USER_DETAIL = usageReport('getOffice365ActiveUserDetail(period)');
export const EMAIL_ACTIVITY_USER_DETAIL = usageReport('getEmailActivityUserDetail(period)');
export const ACTIVATIONS_USER_DETAIL = usageReport('getOffice365ActivationsUserDetail');
export const M365_APP_USER_DETAIL = usageReport('getM365AppUserDetail(period)');
export const ONEDRIVE_USAGE_ACCOUNT_DETAIL = usageReport('getOneDriveUsageAccountDetail(period)');
export const MAILBOX_USAGE_DETAIL = usageReport('getMailboxUsageDetail(period)');

/** `columns`: the ones the caller reads (src/graph/reports.ts copies no others); every column without. */
function rows(
  graph: GraphClient,
  endpoint: Endpoint,
  call: string,
  columns: readonly string[] | undefined,
): AsyncGenerator<ReportRow[]> {
  return reportRows(
    graph,
    `/v1.0/reports/${call}`,
    { permission: endpoint.permission, endpoint: endpoint.name },
    columns,
  );
}

/** The report's records as their text (src/graph/reports.ts, reportLines); `columns`: those a header's row gives. */
function lines(
  graph: GraphClient,
  endpoint: Endpoint,
  call: string,
  columns: readonly string[] | undefined,
): AsyncGenerator<ReportLines> {
  return reportLines(
    graph,
    `/v1.0/reports/${call}`,
    { permission: endpoint.permission, endpoint: endpoint.name },
    columns,
  );
}

/** Last activity date per service (Exchange, OneDrive, SharePoint, Skype, Yammer, Teams) per user. */
export function office365ActiveUserDetail(
  graph: GraphClient,
  period: ReportPeriod,
  columns?: readonly string[],
): AsyncGenerator<ReportRow[]> {
  return rows(graph, ACTIVE_USER_DETAIL, `getOffice365ActiveUserDetail(period='${period}')`, columns);
}

/** Last mail activity per user (Outlook). */
export function emailActivityUserDetail(
  graph: GraphClient,
  period: ReportPeriod,
  columns?: readonly string[],
): AsyncGenerator<ReportRow[]> {
  return rows(graph, EMAIL_ACTIVITY_USER_DETAIL, `getEmailActivityUserDetail(period='${period}')`, columns);
}

/** Office activations: one row per user and product type. Takes no period. */
export function office365ActivationsUserDetail(
  graph: GraphClient,
  columns?: readonly string[],
): AsyncGenerator<ReportLines> {
  return lines(graph, ACTIVATIONS_USER_DETAIL, 'getOffice365ActivationsUserDetail', columns);
}

/** Microsoft 365 Apps use per platform (Windows, Mac, Mobile, Web) and app. */
export function m365AppUserDetail(
  graph: GraphClient,
  period: ReportPeriod,
  columns?: readonly string[],
): AsyncGenerator<ReportLines> {
  return lines(graph, M365_APP_USER_DETAIL, `getM365AppUserDetail(period='${period}')`, columns);
}

/** OneDrive storage per account (keyed by Owner Principal Name). */
export function oneDriveUsageAccountDetail(
  graph: GraphClient,
  period: ReportPeriod,
  columns?: readonly string[],
): AsyncGenerator<ReportLines> {
  return lines(graph, ONEDRIVE_USAGE_ACCOUNT_DETAIL, `getOneDriveUsageAccountDetail(period='${period}')`, columns);
}

/** Mailbox storage per user; newer tenants add the Recipient Type column. Takes a period only. */
export function mailboxUsageDetail(
  graph: GraphClient,
  period: ReportPeriod,
  columns?: readonly string[],
): AsyncGenerator<ReportLines> {
  return lines(graph, MAILBOX_USAGE_DETAIL, `getMailboxUsageDetail(period='${period}')`, columns);
}
