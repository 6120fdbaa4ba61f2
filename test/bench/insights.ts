import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DEFAULT_POLICY,
  differentiation,
  downgrades,
  exportUsers,
  listFindings,
  summary,
  userCsvHeader,
  userCsvRow,
} from '../../src/insights';
import { invalidateUsageMasks, openStore, refreshStatistics } from '../../src/store';
import { testDatabase } from '../helpers/test-database';
import { startSyncBed } from '../helpers/sync';
import { startSimulator } from '../../src/simulator';
import { fillFromTruth } from './insights-fill';

/**
 * Insights figures against the budgets of docs/architecture.md §7: summary counts (300 ms), one page of a list (100 ms) and a full
 * CSV export of every user (5 s) over a store of `--users` users (default 100,000). The store is
 * filled directly from the simulator's truth (`--mode fill`, default) or by a real sync (`--mode sync`).
 * Each timing is the median of 5 warm runs after one cold run, which is printed too. The downgrade
 * list is timed twice: the first read after a data change, which builds the usage snapshot it
 * pages from, and a page read from a current snapshot (the target). `--store FILE`
 * keeps the filled store (SQLite) and reuses it on the next run (fill mode only). With
 * TEST_POSTGRES_URL set (and no --store), the store is a fresh database on that PostgreSQL server.
 */
const TARGETS = { summary: 300, page: 100, csv: 5000 };

async function time<T>(fn: () => Promise<T>, runs = 5): Promise<{ cold: number; median: number; value: T }> {
  let t = performance.now();
  const value = await fn();
  const cold = performance.now() - t;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { cold, median: samples[Math.floor(samples.length / 2)]!, value };
}

const line = (name: string, ms: { cold: number; median: number }, target: number, extra = '') =>
  console.log(
    `${name.padEnd(34)} ${ms.median.toFixed(0).padStart(6)} ms median (cold ${ms.cold.toFixed(0)} ms)  target ${target} ms  ratio ${(ms.median / target).toFixed(2)}${extra}`,
  );

export async function benchInsights(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      users: { type: 'string' },
      seed: { type: 'string' },
      mode: { type: 'string' },
      store: { type: 'string' },
    },
  });
  const users = Number(values.users ?? 100_000);
  const seed = Number(values.seed ?? 1);
  const mode = values.mode ?? 'fill';
  if (!Number.isInteger(users) || users < 14 || !['fill', 'sync'].includes(mode))
    throw new Error('--users must be a whole number, --mode fill or sync');

  const started = performance.now();
  let store;
  let stop: () => Promise<void>;
  let now: Date;
  if (mode === 'sync') {
    const bed = await startSyncBed({ users, seed });
    await bed.syncAll();
    store = bed.dataSource;
    now = bed.sim.control.now();
    stop = () => bed.stop();
  } else {
    // --store FILE keeps the filled store for the next run (the simulator's clock is then fixed).
    const fixed = values.store ? new Date('2025-06-01T12:00:00Z') : undefined;
    const reuse = values.store !== undefined && existsSync(values.store);
    const sim = await startSimulator({ users: reuse ? 14 : users, seed, ...(fixed ? { now: fixed } : {}) });
    const database = values.store ? undefined : await testDatabase();
    store = await openStore(values.store ? { type: 'sqlite', path: values.store } : database!.config);
    if (!reuse) await fillFromTruth(sim, store);
    // As the task runner does after each task.
    await refreshStatistics(store);
    now = sim.control.now();
    const s = store;
    stop = async () => {
      await s.destroy();
      await sim.stop();
      await database?.cleanup();
    };
  }
  const held = Number(((await store.query('SELECT COUNT(*) AS n FROM users')) as { n: number }[])[0]?.n ?? 0);
  console.log(
    `store        ${store.options.type === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${held} users by ${mode === 'sync' ? 'a real sync from the simulator' : 'a direct fill from the simulator truth'}${values.store && mode === 'fill' ? ` (${values.store})` : ''} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  try {
    const policy = { ...DEFAULT_POLICY, excludedUsers: [], excludedGroups: [], serviceAccountPatterns: [] };
    const s = await time(() => summary(store, policy, now));
    line(
      'summary counts + waste',
      s,
      TARGETS.summary,
      `  (inactive ${s.value.counts.inactive.flagged}, never ${s.value.counts.never.flagged}, blocked ${s.value.counts.blocked.flagged})`,
    );
    for (const sort of ['cost', 'daysInactive', 'name'] as const) {
      const page = await time(() =>
        listFindings(store, { kind: 'inactive', status: 'all', page: 3, pageSize: 25, sort }, policy, now),
      );
      line(`inactive page 3 × 25, by ${sort}`, page, TARGETS.page, `  (${page.value.total} in list)`);
    }
    const never = await time(() => listFindings(store, { kind: 'never', pageSize: 25, sort: 'cost' }, policy, now));
    line('never page 1 × 25, by cost', never, TARGETS.page);
    // The downgrade list pages from the usage-mask snapshot; the first read after a data change
    // (each task run, reclaim or undo) builds it, and is timed on its own, over several changes.
    const build = await time(async () => {
      await invalidateUsageMasks(store.manager);
      return downgrades(store, { pageSize: 25 }, policy, now);
    }, 2);
    console.log(
      `${'downgrades, first page after a change'.padEnd(34)} ${build.median.toFixed(0).padStart(6)} ms median (cold ${build.cold.toFixed(0)} ms)  builds the usage snapshot: no target`,
    );
    const down = await time(() => downgrades(store, { pageSize: 25 }, policy, now));
    line('downgrades page 1 × 25', down, TARGETS.page, `  (${down.value.total} candidates)`);
    const deep = await time(() => downgrades(store, { page: 400, pageSize: 25 }, policy, now));
    line('downgrades page 400 × 25', deep, TARGETS.page);
    const diff = await time(() => differentiation(store, policy, now));
    console.log(
      `${'differentiation (all SKUs)'.padEnd(34)} ${diff.median.toFixed(0).padStart(6)} ms median (cold ${diff.cold.toFixed(0)} ms)  (from the same snapshot; no target)`,
    );
    const csv = await time(async () => {
      let rows = 0;
      let bytes = userCsvHeader().length;
      for await (const u of exportUsers(store, policy, now, { apps: false })) {
        bytes += userCsvRow(u).length;
        rows++;
      }
      return { rows, bytes };
    }, 1);
    line(
      'CSV export of every user',
      csv,
      TARGETS.csv,
      `  (${csv.value.rows} rows, ${(csv.value.bytes / 1024 / 1024).toFixed(1)} MB)`,
    );
  } finally {
    await stop();
  }
}
