import type { DataSource } from 'typeorm';
import { TaskRuns, type ReclamationRequest, type TaskRunCounts } from '../store';

/**
 * One Reclamation run in Application Task Tracking (docs/product-rules.md R5: Reclamation is charted beside the
 * reading tasks): a batch of approved requests executed, or an undo. Counts
 * say what each request became; a failed one names why in the run's error, a skipped one in its
 * skipped parts. `failures` are undos that could not be written (the request went back).
 */
export async function recordRun(
  dataSource: DataSource,
  trigger: 'approval' | 'undo',
  startedAt: Date,
  requests: readonly ReclamationRequest[],
  finishedAt: Date,
  failures: readonly string[] = [],
): Promise<void> {
  const counts: TaskRunCounts = {};
  const add = (key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const r of requests) {
    add(r.state);
    if (r.dryRun) add('dryRun');
  }
  for (let i = 0; i < failures.length; i++) add('failed');
  const failed = [
    ...requests.filter((r) => r.state === 'failed').map((r) => `${r.userPrincipalName}: ${r.outcome ?? 'failed'}`),
    ...failures,
  ];
  const skipped = requests
    .filter((r) => r.state === 'skipped')
    .map((r) => ({
      part: `${r.userPrincipalName} ${String(r.evidence['skuName'] ?? r.skuId)}`,
      reason: r.outcome ?? 'skipped',
    }));
  const total = requests.length + failures.length;
  const status = failed.length === 0 ? 'succeeded' : failed.length === total ? 'failed' : 'partial';
  await new TaskRuns(dataSource).record(
    'reclamation',
    trigger,
    startedAt,
    { status, counts, skipped, ...(failed.length ? { error: failed.slice(0, 5).join('; ') } : {}) },
    finishedAt,
  );
}
