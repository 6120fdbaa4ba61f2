import type { DataSource } from 'typeorm';
import { csvLine } from '../../insights/csv';
import { copilotHolders } from '../../insights/copilot';
import type { Policy } from '../../insights/policy';
import { COPILOT_APP_LABELS, COPILOT_APPS, CopilotWaitlist } from '../../store';
import type { CliIo } from '../core/io';
import type { Cell } from '../core/paged';
import { table } from '../core/table';

type Format = 'table' | 'csv' | 'json';

/** Rows as a table (with a count), CSV, or a JSON array of the records themselves. */
function write<T>(
  format: Format,
  io: CliIo,
  header: string[],
  items: readonly T[],
  row: (item: T) => Cell[],
  what: string,
): void {
  if (format === 'json') return io.out(`${JSON.stringify(items, null, 2)}\n`);
  const rows = items.map(row);
  io.out(
    format === 'csv' ? [header, ...rows].map(csvLine).join('') : `${table(header, rows)}${items.length} ${what}\n`,
  );
}

/** `report copilot`: one row per Microsoft 365 Copilot license holder, most idle first, with the last use per app. */
export async function copilotReport(
  store: DataSource,
  policy: Policy,
  now: Date,
  format: Format,
  io: CliIo,
): Promise<void> {
  const seats = await copilotHolders(store, policy, now);
  const header = [
    'User',
    'State',
    'Status',
    'Days idle',
    'Last use',
    ...COPILOT_APPS.map((a) => COPILOT_APP_LABELS[a]),
    'Assigned',
    'Excluded by',
    'Cost per month',
    'Reclaimable',
    'Confidence',
  ];
  write(
    format,
    io,
    header,
    seats,
    (s) => [
      s.userPrincipalName,
      s.state,
      s.status ?? '',
      s.daysIdle ?? '',
      s.lastUse ?? '',
      ...COPILOT_APPS.map((a) => s.apps.find((x) => x.app === a)?.date ?? ''),
      s.assignedAt ?? '',
      s.exclusions.map((e) => e.code).join(', '),
      s.monthlyCost
        ? `${s.monthlyCost.amount} ${s.monthlyCost.currency}${s.monthlyCost.source === 'list-price' ? ' (list price)' : ''}`
        : '',
      s.reclaimable ? 'Yes' : 'No (group)',
      s.confidence.level,
    ],
    'Copilot license holders',
  );
}

/** `report copilot-waitlist`: the people waiting for a seat, first in line first. */
export async function copilotWaitlistReport(store: DataSource, format: Format, io: CliIo): Promise<void> {
  const waiting = await new CopilotWaitlist(store).all(['waiting']);
  write(
    format,
    io,
    ['Place', 'User', 'Name', 'Requested', 'Reason', 'Proposed'],
    waiting.map((e, i) => ({ place: i + 1, ...e })),
    (e) => [e.place, e.userPrincipalName, e.displayName ?? '', e.requestedAt, e.reason ?? '', e.proposedAt ?? ''],
    'people waiting',
  );
}
