import type { DataSource } from 'typeorm';
import {
  activityAsOfSql,
  AppActivity,
  SuspiciousActivity,
  TaskRun,
  type AppName,
  type SkippedPart,
  type TaskStatus,
} from '../../store';

/**
 * What the latest completed integration runs could read, from Application Task Tracking: a run that
 * skipped a part says so in `skipped` (src/tasks/skip.ts). Part names are matched by pattern, as
 * the tasks write them (roster: "Sign in to M365 Domain (signInActivity)", "… (usage reports)",
 * "matching concealed report rows to users"; access: "… (usage reports)", "… (sign-in log)", the same
 * concealed part).
 */
export interface DataAvailability {
  /** Start of the latest completed roster / access run; null when none ran. */
  rosterAt: string | null;
  accessAt: string | null;
  /** Start of the first completed access run: how far back the store's own history reaches. */
  firstAccessAt: string | null;
  /** signInActivity was read (AuditLog.Read.All and Entra ID P1). */
  signIns: boolean;
  /** Dynamics 365 / Power BI / Project activity from the sign-in log was read. */
  signInLog: boolean;
  /** Per-app usage reports were read and could be matched to users. */
  reports: boolean;
  /** The roster's usage reports (activations, mail and OneDrive usage, platforms) were read and could be matched. */
  rosterReports: boolean;
  /** Reports conceal user names (rows could not be matched). */
  concealed: boolean;
  /** MFA registration was read. */
  mfa: boolean;
  /** The mailbox report named mailbox types (Recipient Type); null when it was not read or was empty. */
  mailboxTypes: boolean | null;
  /** Newest report refresh date held. */
  reportsAsOf: string | null;
  skipped: SkippedPart[];
}

const DONE = ['succeeded', 'partial'] satisfies TaskStatus[];

async function latest(store: DataSource, task: string): Promise<TaskRun | null> {
  return store
    .getRepository(TaskRun)
    .createQueryBuilder('r')
    .where('r.task = :task AND r.status IN (:...done)', { task, done: DONE })
    .orderBy('r.startedAt', 'DESC')
    .limit(1)
    .getOne();
}

export async function readDataAvailability(store: DataSource): Promise<DataAvailability> {
  const [roster, access, first, asOf] = await Promise.all([
    latest(store, 'roster'),
    latest(store, 'access'),
    store
      .getRepository(TaskRun)
      .createQueryBuilder('r')
      .select('MIN(r.startedAt)', 'at')
      .where('r.task = :task AND r.status IN (:...done)', { task: 'access', done: DONE })
      .getRawOne<{ at: string | null }>(),
    reportsAsOf(store),
  ]);
  const rosterSkipped = roster?.skipped ?? [];
  const accessSkipped = access?.skipped ?? [];
  const skippedIn = (parts: SkippedPart[], pattern: RegExp) => parts.some((p) => pattern.test(p.part));
  let concealed = skippedIn(rosterSkipped, /concealed/i) || skippedIn(accessSkipped, /concealed/i);
  if (!concealed && roster) {
    concealed =
      (await store
        .getRepository(SuspiciousActivity)
        .createQueryBuilder('s')
        .where('s.lastSeenAt >= :at', { at: roster.startedAt })
        .getCount()) > 0;
  }
  return {
    rosterAt: roster?.startedAt ?? null,
    accessAt: access?.startedAt ?? null,
    firstAccessAt: first?.at ?? null,
    signIns: roster !== null && !skippedIn(rosterSkipped, /signInActivity|sign in to m365/i),
    signInLog: access !== null && !skippedIn(accessSkipped, /sign-in log/i),
    reports: access !== null && !concealed && !skippedIn(accessSkipped, /usage reports/i),
    rosterReports: roster !== null && !concealed && !skippedIn(rosterSkipped, /usage reports/i),
    concealed,
    mfa: roster !== null && !skippedIn(rosterSkipped, /mfa/i),
    // Runs from before the count was kept say nothing about it (null), not "no types".
    mailboxTypes:
      roster?.counts.mailboxRows && roster.counts.mailboxTypedRows !== undefined
        ? roster.counts.mailboxTypedRows > 0
        : null,
    reportsAsOf: asOf,
    skipped: [...rosterSkipped, ...accessSkipped],
  };
}

/**
 * The refresh date of the newest report read: the `asOf` of the newest Exchange (or Teams) report
 * row, found through the (app, lastActivityDate) index rather than a scan of every activity row.
 */
async function reportsAsOf(store: DataSource): Promise<string | null> {
  for (const app of ['exchange', 'teams', 'sharepoint', 'onedrive'] satisfies AppName[]) {
    const row = await store
      .getRepository(AppActivity)
      .createQueryBuilder('a')
      .select(activityAsOfSql('a'), 'asOf')
      .where(`a.app = :app AND a.source = :report AND ${activityAsOfSql('a')} IS NOT NULL`, { app, report: 'report' })
      .orderBy('a.lastActivityDate', 'DESC')
      .limit(1)
      .getRawOne<{ asOf: string | null }>();
    if (row?.asOf) return row.asOf;
  }
  return null;
}
