import type { TaskRun } from '../../src/store';

/**
 * The fewest requests the contract allows for what the runs read (their counts): full pages at each
 * endpoint's cap, one request per $batch of 20 and one per request inside it (each counts against
 * throttling), a report as its call and its download. The simulator's users/delta page (200, Graph
 * documents none) stands in for Graph's. `detail` names the parts; `bucket` is what the identity
 * reports' 5-per-10-seconds bucket must serve.
 */
const USERS_PAGE = 500; // with signInActivity
const DELTA_PAGE = 200;
const MFA_PAGE = 999;
const SIGN_IN_PAGE = 1000;
const BATCH = 20;

const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size));
const batched = (items: number) => (items ? Math.ceil(items / BATCH) + items : 0);

export interface Floor {
  total: number;
  bucket: number;
  detail: string;
}

export function requestFloor(runs: readonly TaskRun[], options: { token: boolean }): Floor {
  const parts: [string, number][] = [];
  let bucket = 0;
  for (const run of runs) {
    const n = (key: string) => run.counts[key] ?? 0;
    const part = (name: string, count: number) => count && parts.push([`${run.task} ${name}`, count]);
    if (run.task === 'licenses') part('skus', 1);
    if (run.task === 'roster') {
      if (run.mode === 'full') {
        part('delta link', 1);
        part('users', pages(n('users'), USERS_PAGE));
      } else {
        part('delta', pages(n('changedUsers') + n('removedUsers'), DELTA_PAGE));
        const signIns = ['lastSignInDateTime', 'lastNonInteractiveSignInDateTime'].reduce(
          (sum, p) => sum + pages(n(`signInUsers.${p}`), USERS_PAGE),
          0,
        );
        part('sign-ins', signIns);
      }
      const mfa = (n('mfaListed') ? pages(n('mfaListed'), MFA_PAGE) : 0) + batched(n('mfaBatched'));
      part('mfa', mfa);
      bucket += mfa;
      part('groups', batched(n('groups')));
      part('reports', 2 * n('reportsRead'));
    }
    if (run.task === 'access') {
      const signIns = ['dynamics365', 'powerbi', 'project'].reduce(
        (sum, app) => sum + pages(n(`signIns.${app}`), SIGN_IN_PAGE),
        0,
      );
      part('sign-ins', signIns);
      bucket += signIns;
      part('reports', 2 * n('reportsRead'));
      // The Copilot report answers its CSV at once on v1.0 (docs/copilot.md): one request, when read.
      if (run.counts['copilotRows'] !== undefined && !n('reportsSkipped')) part('copilot report', 1);
    }
  }
  if (options.token) parts.unshift(['token', 1]);
  return {
    total: parts.reduce((sum, [, c]) => sum + c, 0),
    bucket,
    detail: parts.map(([name, c]) => `${name} ${c}`).join(', '),
  };
}
