import type { Finding, Insights } from '../../insights';
import type { DigestFacts, DigestHeadline, IdleLicenseRow } from '../cards/digest';
import { TASK_TITLES } from '../cards/runs';

export interface GatherOptions {
  insights: Pick<Insights, 'policy' | 'digest'>;
  now: Date;
  banner: string;
  scheduledFor: string;
  previous: DigestHeadline | null;
}

/** A row of the digest's most expensive idle licenses. */
function idleRow(f: Finding): IdleLicenseRow {
  return {
    name: f.displayName ?? f.userPrincipalName,
    upn: f.userPrincipalName,
    kind: f.kind,
    licenses: f.licenses.map((l) => l.friendlyName).join(', '),
    monthlyCost: f.monthlyCost,
    daysIdle: f.evidence.daysSinceLatest,
  };
}

/** Everything a digest says: the numbers the insights count (src/insights/overview.ts), with what the card needs around them. */
export async function gatherDigestFacts(o: GatherOptions): Promise<DigestFacts> {
  const policy = await o.insights.policy();
  const { topIdle, ...numbers } = await o.insights.digest(policy, o.now, Object.keys(TASK_TITLES));
  return {
    ...numbers,
    scheduledFor: o.scheduledFor,
    previous: o.previous,
    topIdle: topIdle.map(idleRow),
    now: o.now,
    banner: o.banner,
  };
}
