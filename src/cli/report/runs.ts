import type { DataSource } from 'typeorm';
import { csvLine } from '../../insights/csv';
import { taskTracking } from '../../insights/task-tracking';
import type { CliIo } from '../core/io';
import { table } from '../core/table';

/** Application Task Tracking: the last runs of the five tasks, with status, counts and duration. */
export async function runsReport(store: DataSource, format: 'table' | 'csv' | 'json', io: CliIo): Promise<void> {
  const tasks = await taskTracking(store, 10);
  if (format === 'json') return io.out(`${JSON.stringify({ tasks }, null, 2)}\n`);
  const header = ['Task', 'Status', 'Trigger', 'Started', 'Duration (s)', 'Counts', 'Skipped', 'Error'];
  const rows = tasks.flatMap((t) =>
    (t.runs.length ? t.runs : [null]).map((r) => [
      t.title,
      r?.status ?? 'never run',
      r?.trigger ?? '',
      r?.startedAt ?? '',
      r?.durationSeconds ?? '',
      r
        ? Object.entries(r.counts)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')
        : '',
      r?.skipped.map((s) => `${s.part}: ${s.reason}`).join('; ') ?? '',
      r?.error ?? '',
    ]),
  );
  io.out(format === 'csv' ? [header, ...rows].map(csvLine).join('') : table(header, rows));
}
