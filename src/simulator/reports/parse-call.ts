import { dayNumber } from '../clock';
import { GraphError } from '../graph/errors';
import { parseDay } from '../util/dates';
import { REPORTS } from './definitions';
import { REPORT_NAMES, type ReportName, type ReportRequest } from './report-request';

/**
 * Reads `getX(period='D7')` or `getX(date=2024-05-01)` (docs/graph-behaviour.md §4): period is one of D7, D30, D90,
 * D180 and quoted; date is unquoted on most pages and quoted on getM365AppUserDetail, so both are
 * accepted, and it must lie within the last 30 days. Exactly one of them, as each report allows.
 */
const PERIODS: Readonly<Record<string, number>> = { D7: 7, D30: 30, D90: 90, D180: 180 };
const bad = (message: string) => new GraphError(400, 'BadRequest', message);

export function reportName(segment: string): ReportName | undefined {
  return REPORT_NAMES.find((n) => n.toLowerCase() === segment.toLowerCase());
}

export function parseReportCall(report: ReportName, args: string | undefined, nowMs: number): ReportRequest {
  const parameters = REPORTS[report].parameters;
  const text = (args ?? '').trim();
  if (parameters === 'none') {
    if (text !== '') throw bad(`${report} takes no parameters.`);
    return { report };
  }
  const m = /^(period|date)\s*=\s*(.+)$/i.exec(text);
  if (!m)
    throw bad(
      `${report} requires the 'period' parameter${parameters === 'periodOrDate' ? " or the 'date' parameter" : ''}.`,
    );
  const name = (m[1] ?? '').toLowerCase();
  const value = m[2] ?? '';
  if (name === 'period') {
    const quoted = /^'(D\d+)'$/i.exec(value);
    const days = quoted ? PERIODS[(quoted[1] ?? '').toUpperCase()] : undefined;
    if (!days)
      throw bad(
        `Invalid value '${value}' for the 'period' parameter. Supported values are 'D7', 'D30', 'D90' and 'D180'.`,
      );
    return { report, periodDays: days };
  }
  if (parameters !== 'periodOrDate') throw bad(`${report} supports only the 'period' parameter.`);
  const day = parseDay(value.replace(/^'(.*)'$/, '$1'));
  const today = dayNumber(nowMs);
  if (day === undefined) throw bad(`Invalid value '${value}' for the 'date' parameter. Use YYYY-MM-DD.`);
  if (day > today || day < today - 30) throw bad(`The 'date' parameter must be within the last 30 days.`);
  return { report, day };
}
