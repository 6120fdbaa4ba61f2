import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { GraphClient } from '../../src/graph';
import { createLogger } from '../../src/logging/logger';
import { openStore, type TaskRun } from '../../src/store';
import { INTEGRATION_TASKS } from '../../src/tasks/registry';
import { runTask } from '../../src/tasks/runner';
import { TASK_NAMES, type SyncMode } from '../../src/tasks/task';
import { testDatabase } from '../helpers/test-database';
import { procCpuMs, writtenBytes } from './proc-cpu';
import { SimProcess, type SimCall } from './sim-process';
import { requestFloor } from './sync-floor';
import { replay } from './sync-raw';

/**
 * Sync figures against the budgets of docs/architecture.md §7: `npm run bench -- sync [--users 100000] [--change 0.01] [--throttle documented --time-scale 0.05]`.
 * Day 1: a full sync of a fresh store, each task timed against a raw client that fetches exactly the
 * same pages and downloads and does nothing with them (sync-raw.ts), with the split of each task's
 * time between waiting on Graph, parsing and writing, peak RSS, CPU and requests against the floor.
 * Then the same sync again (nothing changed: the rows it writes), and the next day's incremental sync
 * after `--change` of the users changed (the simulator's `/_sim/changes`). The simulator runs in a
 * child process so RSS and CPU are the product's alone. With TEST_POSTGRES_URL set the store is a
 * fresh database on that PostgreSQL server. `--sizes 10000,50000,…` runs the day-1 sync once per
 * size, each in its own process (peak RSS is per process), on SQLite and, with TEST_POSTGRES_URL, on
 * PostgreSQL, and prints wall, RSS and rows written per size. Figures are printed, never asserted.
 */
const GOALS = { wall: 30, overhead: 1.25, rssMb: 300, requests: 1.05, dayTwoWall: 5, dayTwoRequests: 1.1 };
const AT_USERS = 100_000;
const DAY_MS = 86_400_000;
const mb = (bytes: number) => bytes / 1024 / 1024;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface TaskFigures {
  run: TaskRun;
  wallMs: number;
  rawMs: number;
  cpuMs: number;
  /** CPU of Node's main thread alone (null where /proc is not there to tell the threads apart). */
  mainCpuMs: number | null;
  /** The simulator's CPU while the task ran (null where /proc cannot tell). */
  simCpuMs: number | null;
  /** What the product had written to storage (the database, its log, their checkpoints); null where /proc cannot tell. */
  diskMb: number | null;
  peakRssMb: number;
  calls: SimCall[];
}

interface SyncFigures {
  tasks: TaskFigures[];
  wallMs: number;
  rawMs: number;
  cpuMs: number;
  mainCpuMs: number | null;
  simCpuMs: number | null;
  rowsWritten: number;
  requests: number;
}

export async function benchSync(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      users: { type: 'string' },
      sizes: { type: 'string' },
      change: { type: 'string' },
      throttle: { type: 'string' },
      'time-scale': { type: 'string' },
      json: { type: 'boolean' },
      'first-only': { type: 'boolean' },
    },
  });
  if (values.sizes) return benchSizes(values.sizes.split(',').map(Number));
  const users = Number(values.users ?? AT_USERS);
  const change = Number(values.change ?? 0.01);
  const throttle = values.throttle ?? 'off';
  const timeScale = Number(values['time-scale'] ?? 1);
  if (!Number.isInteger(users) || users < 14 || !(change > 0 && change < 1))
    throw new Error('--users must be a whole number, --change a share between 0 and 1');

  const sim = await SimProcess.start([
    '--users',
    String(users),
    '--seed',
    '1',
    '--throttle',
    throttle,
    '--time-scale',
    String(timeScale),
  ]);
  const database = await testDatabase();
  const dataSource = await openStore(database.config);
  const graph = new GraphClient({ config: sim.config });
  const say = values.json ? () => undefined : (line: string) => console.log(line);
  try {
    say(
      `store         ${database.config.type === 'postgres' ? 'PostgreSQL' : 'SQLite'}; ${users} users; load average ${loadAverage()}`,
    );
    const first = await sync(sim, graph, dataSource, 'full');
    const peak = Math.max(...first.tasks.map((t) => t.peakRssMb));
    const floor = requestFloor(
      first.tasks.map((t) => t.run),
      { token: true },
    );
    if (values.json) {
      console.log(
        JSON.stringify({
          users,
          store: database.config.type,
          wallMs: first.wallMs,
          rawMs: first.rawMs,
          cpuMs: first.cpuMs,
          peakRssMb: peak,
          rowsWritten: first.rowsWritten,
          requests: first.requests,
          floor: floor.total,
        }),
      );
      return;
    }
    say(`day 1: full sync of a fresh store`);
    printTasks(first);
    const scale = users / AT_USERS;
    say(
      `wall          ${s(first.wallMs)} (${(users / (first.wallMs / 1000)).toFixed(0)} users/s); goal ≤ ${(GOALS.wall * scale).toFixed(1)} s${scale === 1 ? '' : ` (${GOALS.wall} s at ${AT_USERS}, scaled)`}`,
    );
    say(
      `raw fetch     ${s(first.rawMs)}; overhead = sync wall / raw fetch wall = ${(first.wallMs / first.rawMs).toFixed(2)}; goal ≤ ${GOALS.overhead}`,
    );
    say(
      `peak RSS      ${peak.toFixed(0)} MB (product process; ${first.tasks.map((t) => `${t.run.task} ${t.peakRssMb.toFixed(0)}`).join(', ')}); goal ≤ ${GOALS.rssMb} MB`,
    );
    say(`CPU           product process, ${cpuSplit(first)}${cpuBound(first)}`);
    say(
      `requests      ${first.requests}; floor ${floor.total} (${floor.detail}); ratio ${(first.requests / floor.total).toFixed(3)}; goal ≤ ${GOALS.requests}`,
    );
    const stats = graph.stats.snapshot();
    say(
      `retries       ${stats.retries}; 429 answers ${first.tasks.flatMap((t) => t.calls).filter((c) => c.status === 429).length}; throttled ${stats.throttledSeconds} s`,
    );
    if (throttle === 'documented') {
      // Identity-and-access reports bucket: 5 requests per 10 s, shared by registration details and sign-ins.
      const bucketFloor = Math.max(0, Math.ceil(floor.bucket / 5) - 1) * 10 * timeScale * 1000;
      say(
        `throttle floor ${s(bucketFloor)} (${floor.bucket} requests in the 5-per-10-s bucket, time scale ${timeScale}); wall/floor ${(first.wallMs / bucketFloor).toFixed(2)}`,
      );
    }
    if (values['first-only']) return;

    const again = await sync(sim, graph, dataSource, 'full');
    say(
      `second run, same day, nothing changed (full): ${s(again.wallMs)}; rows written ${again.rowsWritten} (${again.tasks.map((t) => `${t.run.task} ${t.run.counts.rowsWritten ?? 0}`).join(', ')}); goal: almost none`,
    );

    const changed = Math.round(users * change);
    await sim.control('POST', 'clock', { advanceDays: 1 });
    const kinds = await sim.control<Record<string, string[]>>('POST', 'changes', { users: changed, seed: 2 });
    const tomorrow = () => new Date(Date.now() + DAY_MS);
    const day2 = await sync(sim, graph, dataSource, 'incremental', tomorrow);
    const floor2 = requestFloor(
      day2.tasks.map((t) => t.run),
      { token: false },
    );
    say(
      `day 2: incremental sync after ${changed} users (${(change * 100).toFixed(1)} %) changed (${Object.entries(kinds)
        .map(([k, ids]) => `${k} ${ids.length}`)
        .join(', ')})`,
    );
    printTasks(day2);
    say(
      `wall          ${s(day2.wallMs)}; goal ≤ ${(GOALS.dayTwoWall * scale).toFixed(1)} s${scale === 1 ? '' : ' (scaled)'}; raw fetch ${s(day2.rawMs)}, overhead ${(day2.wallMs / day2.rawMs).toFixed(2)}`,
    );
    say(`CPU           product process, ${cpuSplit(day2)}${cpuBound(day2)}`);
    say(
      `requests      ${day2.requests}; floor ${floor2.total} (${floor2.detail}); ratio ${(day2.requests / floor2.total).toFixed(3)}; goal ≤ ${GOALS.dayTwoRequests}`,
    );
    say(`rows written  ${day2.rowsWritten}`);

    // The same day again: the reports were read today, so this is the directory's, sign-ins' and MFA's share alone.
    const kindsAgain = await sim.control<Record<string, string[]>>('POST', 'changes', { users: changed, seed: 3 });
    const again2 = await sync(sim, graph, dataSource, 'incremental', tomorrow);
    const floor3 = requestFloor(
      again2.tasks.map((t) => t.run),
      { token: false },
    );
    say(
      `day 2 again: incremental sync after ${changed} more users changed (${Object.entries(kindsAgain)
        .map(([k, ids]) => `${k} ${ids.length}`)
        .join(', ')}), reports already read today`,
    );
    printTasks(again2);
    say(
      `wall          ${s(again2.wallMs)}; goal ≤ ${(GOALS.dayTwoWall * scale).toFixed(1)} s${scale === 1 ? '' : ' (scaled)'}; raw fetch ${s(again2.rawMs)}, overhead ${(again2.wallMs / again2.rawMs).toFixed(2)}`,
    );
    say(
      `requests      ${again2.requests}; floor ${floor3.total} (${floor3.detail}); ratio ${(again2.requests / floor3.total).toFixed(3)}; goal ≤ ${GOALS.dayTwoRequests}`,
    );
    say(`rows written  ${again2.rowsWritten}`);
  } finally {
    await graph.close();
    await dataSource.destroy();
    await sim.stop();
    await database.cleanup();
  }
}

/** Runs every task in `mode`, each followed by the raw client fetching what it fetched. */
async function sync(
  sim: SimProcess,
  graph: GraphClient,
  dataSource: DataSource,
  mode: SyncMode,
  now?: () => Date,
): Promise<SyncFigures> {
  const log = createLogger({ level: 'warn', secrets: [] });
  await sim.takeCalls();
  const tasks: TaskFigures[] = [];
  for (const name of TASK_NAMES) {
    const cpu = process.cpuUsage();
    const main = mainThreadCpuMs();
    const simCpu = sim.cpuMs();
    const written = writtenBytes();
    const peak = peakRss();
    const started = performance.now();
    const result = await runTask(INTEGRATION_TASKS[name], {
      graph,
      dataSource,
      log,
      trigger: 'manual',
      mode,
      ...(now ? { now } : {}),
    });
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const mainAfter = mainThreadCpuMs();
    const simCpuAfter = sim.cpuMs();
    const writtenAfter = writtenBytes();
    if (!result.started) throw new Error(result.reason);
    const calls = await sim.takeCalls();
    const rawMs = await replay(sim.config, calls, graph.auth);
    await sim.takeCalls();
    tasks.push({
      run: result.run,
      wallMs,
      rawMs,
      cpuMs: (used.user + used.system) / 1000,
      mainCpuMs: main === null || mainAfter === null ? null : mainAfter - main,
      simCpuMs: simCpu === null || simCpuAfter === null ? null : simCpuAfter - simCpu,
      diskMb: written === null || writtenAfter === null ? null : mb(writtenAfter - written),
      peakRssMb: mb(peak.end()),
      calls,
    });
  }
  const sum = (f: (t: TaskFigures) => number) => tasks.reduce((n, t) => n + f(t), 0);
  return {
    tasks,
    wallMs: sum((t) => t.wallMs),
    rawMs: sum((t) => t.rawMs),
    cpuMs: sum((t) => t.cpuMs),
    mainCpuMs: tasks.every((t) => t.mainCpuMs !== null) ? sum((t) => t.mainCpuMs!) : null,
    simCpuMs: tasks.every((t) => t.simCpuMs !== null) ? sum((t) => t.simCpuMs!) : null,
    rowsWritten: sum((t) => t.run.counts.rowsWritten ?? 0),
    requests: sum((t) => t.calls.length),
  };
}

function printTasks(figures: SyncFigures): void {
  for (const t of figures.tasks) {
    const c = t.run.counts;
    console.log(
      `  ${t.run.task.padEnd(9)} ${t.run.status} (${t.run.mode}) ${s(t.wallMs).padStart(7)}; raw ${s(t.rawMs)} (overhead ${(t.wallMs / Math.max(1, t.rawMs)).toFixed(2)}); ` +
        `waiting on Graph ${c.graphSeconds ?? 0} s, parsing ${c.parseSeconds ?? 0} s, writing ${c.writeSeconds ?? 0} s; CPU ${cpuSplit(t)}; rows written ${c.rowsWritten ?? 0}${t.diskMb === null ? '' : ` (${t.diskMb.toFixed(0)} MB to disk)`}; requests ${t.calls.length}`,
    );
  }
}

/**
 * All threads' CPU, and Node's main thread's beside the others' (SQLite's, V8's collector helpers):
 * the sync waits on whichever is busier, so this says where to look first.
 */
function cpuSplit(f: { cpuMs: number; mainCpuMs: number | null }): string {
  return f.mainCpuMs === null
    ? s(f.cpuMs)
    : `${s(f.cpuMs)} (Node's thread ${s(f.mainCpuMs)}, other threads ${s(f.cpuMs - f.mainCpuMs)})`;
}

/**
 * The simulator's CPU beside the product's, and the shortest wall the two allow on this machine's
 * cores: with the simulator on the same machine, a sync cannot end before their CPU time, spread
 * over every core, has been spent.
 */
function cpuBound(f: { cpuMs: number; simCpuMs: number | null }): string {
  if (f.simCpuMs === null) return '';
  const cores = availableParallelism();
  return `; simulator ${s(f.simCpuMs)}; on ${cores} cores no wall below ${s((f.cpuMs + f.simCpuMs) / cores)}`;
}

/**
 * The highest RSS of this process from now until `end`: on Linux the kernel's own high-water mark
 * (VmHWM, reset to the current RSS through /proc/self/clear_refs), which misses no peak however
 * short; elsewhere, sampled every 20 ms.
 */
function peakRss(): { end(): number } {
  const highWater = () => /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    if (highWater()) return { end: () => Number(highWater()) * 1024 };
  } catch {
    // Not Linux, or /proc not writable: sampled below.
  }
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  return {
    end() {
      clearInterval(sampler);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

/** CPU time of this process's main thread in ms, from Linux's /proc (its task id is the process id); null elsewhere. */
function mainThreadCpuMs(): number | null {
  return procCpuMs(`/proc/self/task/${process.pid}/stat`);
}

function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** One day-1 sync per size and store, each in its own process: wall, peak RSS and rows written. */
async function benchSizes(sizes: number[]): Promise<void> {
  const stores = process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  console.log('store       users    wall (s)  users/s  raw (s)  overhead  peak RSS (MB)  rows written  load');
  for (const store of stores) {
    for (const users of sizes) {
      const env = { ...process.env };
      if (store === 'sqlite') delete env.TEST_POSTGRES_URL;
      const child = spawnSync(
        process.execPath,
        // Started as this process was (compiled, with the product's node flags; or through tsx).
        [...process.execArgv, process.argv[1]!, 'sync', '--users', String(users), '--json'],
        { env, encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      const line = child.stdout.trim().split('\n').pop() ?? '';
      if (child.status !== 0 || !line.startsWith('{'))
        throw new Error(`bench of ${users} users on ${store} failed: ${child.stderr.slice(-2000)}`);
      const r = JSON.parse(line) as { wallMs: number; rawMs: number; peakRssMb: number; rowsWritten: number };
      console.log(
        `${store.padEnd(10)} ${String(users).padStart(7)} ${(r.wallMs / 1000).toFixed(1).padStart(10)} ${(users / (r.wallMs / 1000)).toFixed(0).padStart(8)} ${(r.rawMs / 1000).toFixed(1).padStart(8)} ${(r.wallMs / r.rawMs).toFixed(2).padStart(9)} ${r.peakRssMb.toFixed(0).padStart(14)} ${String(r.rowsWritten).padStart(13)}  ${loadAverage()}`,
      );
    }
  }
}
