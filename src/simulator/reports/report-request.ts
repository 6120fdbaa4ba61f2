/** A usage-report call after its function arguments were validated (docs/graph-behaviour.md §4). */
export const REPORT_NAMES = [
  'getOffice365ActiveUserDetail',
  'getEmailActivityUserDetail',
  'getOffice365ActivationsUserDetail',
  'getM365AppUserDetail',
  'getOneDriveUsageAccountDetail',
  'getMailboxUsageDetail',
] as const;

export type ReportName = (typeof REPORT_NAMES)[number];

export interface ReportRequest {
  readonly report: ReportName;
  /** D7, D30, D90 or D180 as a number of days. */
  readonly periodDays?: number;
  /** `date=YYYY-MM-DD` as a day number. */
  readonly day?: number;
}
