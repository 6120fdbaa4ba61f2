import type { DataSource } from 'typeorm';
import { GraphError, type GraphClient } from '../graph';
import type { Logger } from '../logging/logger';
import {
  INSTANCE,
  invalidateUsageMasks,
  refreshStatistics,
  TaskLocks,
  TaskRuns,
  type SkippedPart,
  type TaskRun,
  type TaskRunCounts,
} from '../store';
import type { IntegrationTask, SyncMode, TaskContext } from './task';
import { TaskTiming } from './timing';

export interface RunTaskOptions {
  graph: GraphClient;
  dataSource: DataSource;
  log: Logger;
  now?: () => Date;
  trigger: 'schedule' | 'manual' | 'startup';
  /** Incremental unless asked otherwise (the task falls back to full when it must). */
  mode?: SyncMode;
  onProgress?: (task: string, message: string) => void;
  /** How long a lock holds without renewal; a run renews it while it works. */
  lockTtlMs?: number;
}

export type RunResult = { started: false; reason: string } | { started: true; run: TaskRun };

/**
 * Runs one task under its cross-instance lock and records it (Application Task Tracking):
 * failed when it throws, partial when it skipped a part, succeeded otherwise. Graph requests,
 * retries and throttled time are counted from the client's statistics.
 */
export async function runTask(task: IntegrationTask, options: RunTaskOptions): Promise<RunResult> {
  const now = options.now ?? (() => new Date());
  const ttl = options.lockTtlMs ?? 10 * 60_000;
  const locks = new TaskLocks(options.dataSource);
  if (!(await locks.acquire(task.name, INSTANCE, now(), ttl))) {
    return { started: false, reason: `${task.name} is already running` };
  }
  const runs = new TaskRuns(options.dataSource);
  const run = await runs.start(task.name, options.trigger, now());
  const log = options.log.child({ task: task.name, runId: run.id });
  const counts: TaskRunCounts = {};
  const skipped: SkippedPart[] = [];
  const before = options.graph.stats.snapshot();
  const parseBefore = options.graph.stats.parseMs;
  const timing = new TaskTiming();
  const renewal = setInterval(() => void locks.renew(task.name, INSTANCE, now(), ttl).catch(() => undefined), ttl / 3);
  const ctx: TaskContext = {
    graph: options.graph,
    dataSource: options.dataSource,
    log,
    now,
    run,
    mode: options.mode ?? 'incremental',
    timing,
    write: (work) => timing.write.span(() => options.dataSource.transaction(work)),
    roles: new Set(),
    skip: (part) => {
      skipped.push(part);
      log.warn(part, 'part skipped');
    },
    count: (key, n = 1) => {
      counts[key] = (counts[key] ?? 0) + n;
    },
    progress: (message) => options.onProgress?.(task.name, message),
  };
  let error: unknown;
  try {
    ctx.roles = await options.graph.auth.roles();
    log.info({ trigger: options.trigger }, 'task started');
    await task.run(ctx);
    if ((counts['rowsWritten'] ?? 0) > 0) await refreshStatistics(options.dataSource, counts['rowsWritten']);
  } catch (e) {
    error = e;
  } finally {
    clearInterval(renewal);
  }
  const after = options.graph.stats.snapshot();
  Object.assign(counts, {
    requests: after.requests - before.requests,
    retries: after.retries - before.retries,
    throttledSeconds: Math.round((after.throttledSeconds - before.throttledSeconds) * 10) / 10,
    ...timing.counts(options.graph.stats.parseMs - parseBefore),
  });
  const status = error ? 'failed' : skipped.length ? 'partial' : 'succeeded';
  const message =
    error instanceof GraphError
      ? `${error.message} (HTTP ${error.status} ${error.code}${error.requestId ? `, request id ${error.requestId}` : ''})`
      : error instanceof Error
        ? error.message
        : error
          ? String(error)
          : undefined;
  const finished = await runs.finish(
    run,
    { status, mode: ctx.mode, counts, skipped, ...(message ? { error: message } : {}) },
    now(),
  );
  // What the task wrote (even a failed run's first pages) and its run record are not in the usage masks yet.
  await invalidateUsageMasks(options.dataSource.manager);
  await locks.release(task.name, INSTANCE);
  if (error) log.error({ err: error, counts }, 'task failed');
  else log.info({ status, counts, skipped }, 'task finished');
  return { started: true, run: finished };
}
