import type { DataSource } from 'typeorm';
import { CONCEALED_FIX, CopilotActivity, SuspiciousActivity, TaskRun } from '../../store';
import { DAY_MS, dayOf } from '../dates';
import type { Policy } from '../policy';
import type { ConfidenceNote } from '../types';

/** What the latest completed access run could tell about Copilot (src/tasks/copilot-usage.ts). */
export interface CopilotData {
  /** The Copilot report was read and its names could be matched to users. */
  read: boolean;
  /** Why not, in words; null when read. */
  why: string | null;
  concealed: boolean;
  /** Newest report refresh date held. */
  asOf: string | null;
}

/** Whether the part of the access run that reads the report was skipped: its name contains "Copilot". */
const COPILOT_PART = /copilot/i;

export async function readCopilotData(store: DataSource): Promise<CopilotData> {
  const access = await store
    .getRepository(TaskRun)
    .createQueryBuilder('r')
    .where('r.task = :task AND r.status IN (:...done)', { task: 'access', done: ['succeeded', 'partial'] })
    .orderBy('r.startedAt', 'DESC')
    .limit(1)
    .getOne();
  const asOf =
    (
      await store
        .getRepository(CopilotActivity)
        .createQueryBuilder('c')
        .select('MAX(c.reportRefreshDate)', 'asOf')
        .getRawOne<{ asOf: string | null }>()
    )?.asOf ?? null;
  if (!access) return { read: false, why: 'no access run has completed yet', concealed: false, asOf };
  const skipped = access.skipped.find((p) => COPILOT_PART.test(p.part));
  if (skipped) return { read: false, why: skipped.reason, concealed: false, asOf };
  // Runs from before the Copilot report was read have no count of its rows.
  if (access.counts['copilotRows'] === undefined)
    return { read: false, why: 'the last access run predates the Copilot report', concealed: false, asOf };
  // A same-day incremental run repeats the concealment it did not read again (src/tasks/access.ts).
  const concealed =
    (access.counts['copilotConcealed'] ?? 0) > 0 ||
    (await store
      .getRepository(SuspiciousActivity)
      .createQueryBuilder('s')
      .where('s.report = :report AND s.lastSeenAt >= :at', { report: 'copilot', at: access.startedAt })
      .getCount()) > 0;
  return concealed
    ? { read: false, why: 'the report conceals user names', concealed, asOf }
    : { read: true, why: null, concealed, asOf };
}

/** Tenant-wide gaps of the Copilot findings, in the vocabulary of every finding's confidence. */
export function copilotNotes(data: CopilotData, policy: Policy, now: Date): ConfidenceNote[] {
  if (data.concealed) {
    return [
      {
        code: 'reports-concealed',
        text: `The Copilot usage report conceals user names, so Copilot use cannot be matched to users and no seat is called idle. ${CONCEALED_FIX}`,
      },
    ];
  }
  if (!data.read)
    return [
      {
        code: 'no-report-data',
        text: `Copilot use unknown (${data.why}): no Copilot seat is called idle until the Copilot usage report is read (Reports.Read.All).`,
      },
    ];
  if (data.asOf && data.asOf < dayOf(now.getTime() - (policy.reportLagDays + 1) * DAY_MS)) {
    return [
      {
        code: 'stale-reports',
        text: `The Copilot usage report is as of ${data.asOf}, older than the ${policy.reportLagDays}-day lag allowed for.`,
      },
    ];
  }
  return [];
}
