import { z } from 'zod';
import type { GraphClient } from '../client';
import { GRAPH_PERMISSIONS } from '../permissions';
import { reportDate, reportRecords } from '../reports';
import type { Endpoint } from './endpoint';

/**
 * Microsoft 365 Copilot usage per user (docs/copilot.md): the `/copilot/reports` function that
 * replaces the beta `/reports` one, on v1.0, with Reports.Read.All for an app. It answers a CSV
 * stream (or JSON, as some tenants and older revisions do): both are read, columns by name.
 * Only Copilot license holders are listed; concealed names come as 32-hex hashes.
 */
export const COPILOT_USAGE_USER_DETAIL: Endpoint = {
  name: 'GET /v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period)',
  permission: GRAPH_PERMISSIONS.reports[0],
};

/** The report's Copilot apps, each by its CSV header and its JSON property (report versions v1 and v2). */
const APP_COLUMNS = {
  teams: [['Microsoft Teams Copilot Last Activity Date', 'microsoftTeamsCopilotLastActivityDate']],
  word: [['Word Copilot Last Activity Date', 'wordCopilotLastActivityDate']],
  excel: [['Excel Copilot Last Activity Date', 'excelCopilotLastActivityDate']],
  powerPoint: [['PowerPoint Copilot Last Activity Date', 'powerPointCopilotLastActivityDate']],
  outlook: [['Outlook Copilot Last Activity Date', 'outlookCopilotLastActivityDate']],
  oneNote: [['OneNote Copilot Last Activity Date', 'oneNoteCopilotLastActivityDate']],
  loop: [['Loop Copilot Last Activity Date', 'loopCopilotLastActivityDate']],
  // Version 2 splits Copilot Chat into work and web; either is Copilot Chat use.
  chat: [
    ['Copilot Chat Last Activity Date', 'copilotChatLastActivityDate'],
    ['Copilot Chat (work) Last Activity Date', 'copilotChatWorkLastActivityDate'],
    ['Copilot Chat (web) Last Activity Date', 'copilotChatWebLastActivityDate'],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;
export type CopilotReportApp = keyof typeof APP_COLUMNS;
export const COPILOT_REPORT_APPS = Object.keys(APP_COLUMNS) as CopilotReportApp[];

/** One user of the report: days are `YYYY-MM-DD`, null when the report has none. */
export interface CopilotUsageRow {
  userPrincipalName: string;
  reportRefreshDate: string | null;
  /** Over every Copilot app. */
  lastActivityDate: string | null;
  apps: Record<CopilotReportApp, string | null>;
}

// Nullish rather than a union: a union records an issue for every null cell before its null arm accepts it.
const cell = z.string().nullish();
const upnSchema = z.string().trim().min(1);
const itemSchema = z.record(z.string(), z.unknown());

/** The D7, D30, D90 and D180 periods are accepted by report versions v1 and v2 alike. */
export type CopilotPeriod = 'D7' | 'D30' | 'D90' | 'D180';

/**
 * Every user of the report. A row without a user name is left out and counted in `rejected`, never
 * a reason to lose the others.
 */
export async function* copilotUsageUserDetail(
  graph: GraphClient,
  period: CopilotPeriod,
  rejected?: { count: number },
): AsyncGenerator<CopilotUsageRow> {
  const path = `/v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='${period}')`;
  for await (const record of reportRecords(graph, path, {
    permission: COPILOT_USAGE_USER_DETAIL.permission,
    endpoint: COPILOT_USAGE_USER_DETAIL.name,
  })) {
    const csv = record.format === 'csv';
    const item = csv ? { success: true as const, data: record.row } : itemSchema.safeParse(record.item);
    const values: Record<string, unknown> = item.success ? item.data : {};
    const day = (names: readonly [string, string]) => {
      const value = cell.safeParse(values[csv ? names[0] : names[1]]);
      return value.success ? reportDate(value.data) : null;
    };
    const upn = upnSchema.safeParse(values[csv ? 'User Principal Name' : 'userPrincipalName']);
    if (!upn.success) {
      if (rejected) rejected.count++;
      continue;
    }
    const apps = Object.fromEntries(
      COPILOT_REPORT_APPS.map((app) => [app, newest(APP_COLUMNS[app].map(day))]),
    ) as Record<CopilotReportApp, string | null>;
    yield {
      userPrincipalName: upn.data,
      reportRefreshDate: day(['Report Refresh Date', 'reportRefreshDate']),
      lastActivityDate: newest([day(['Last Activity Date', 'lastActivityDate']), ...Object.values(apps)]),
      apps,
    };
  }
}

function newest(days: readonly (string | null)[]): string | null {
  return days.reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a), null);
}
