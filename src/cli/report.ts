import { parseArgs } from 'node:util';
import { MoreThan, type DataSource } from 'typeorm';
import { AuditEvent } from '../../store';
import { z } from 'zod';
import { findingCsvHeader, findingCsvRow, csvLine, userCsvHeader, userCsvRow } from '../csv';
import { downgrades, overlaps } from '../downgrades-query';
import { exportFindings, exportUsers, listFindings } from '../list';
import { PolicyStore } from '../policy-store';
import { spendSummary } from '../spend-summary';
import type { Finding } from '../types';
import { type CliIo, UsageError, runCli } from './open';
import { table } from './table';

/**
 * `npm run report -- inactive|never|blocked|downgrades|overlaps|spend|users [--format table|csv|json]
 * [--status flagged|excluded|all] [--sort cost|daysInactive|name]`: prints a whole list, streamed
 * a thousand users at a time, with the policy stored in the database. `users` is every user with
 * their state (the Users tab), in id order. `history` is the append-only audit history (requests,
 * decisions, executions, refusals, policy changes) with actor, time and outcome.
 */
export const REPORT_USAGE = 'usage: npm run report -- inactive|never|blocked|downgrades|overlaps|spend|users|history [--format table|csv|json] [--status flagged|excluded|all] [--sort cost|daysInactive|name]';

const argsSchema = z.object({
  report: z.enum(['inactive', 'never', 'blocked', 'downgrades', 'overlaps', 'spend', 'users', 'history']),
  format: z.enum(['table', 'csv', 'json']).default('table'),
  status: z.enum(['flagged', 'excluded', 'all']).default('flagged'),
  sort: z.enum(['cost', 'daysInactive', 'name']).default('cost'),
});

function parse(argv: readonly string[]): z.infer<typeof argsSchema> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { format: { type: 'string' }, status: { type: 'string' }, sort: { type: 'string' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const result = argsSchema.safeParse({ report: parsed.positionals[0], ...parsed.values });
  if (!result.success || parsed.positionals.length !== 1) {
    throw new UsageError(result.success ? 'one report at a time' : result.error.issues.map((i) => `${i.path.join('.') || 'report'}: ${i.message}`).join('; '));
  }
  return result.data;
}

const PAGE = 500;

/**
 * A list read page by page: CSV and JSON are written as each page arrives (a large tenant's list is
 * never held whole); a table needs every row for its column widths.
 */
async function pagedReport<T>(
  read: (page: number) => Promise<{ total: number; groups: unknown[]; items: T[] }>, format: 'table' | 'csv' | 'json', io: CliIo,
  header: string[], row: (item: T) => (string | number | null)[],
): Promise<number> {
  const first = await read(1);
  const pages = async function* () {
    yield first.items;
    for (let page = 2; (page - 1) * PAGE < first.total; page++) yield (await read(page)).items;
  };
  if (format === 'table') {
    const rows: (string | number | null)[][] = [];
    for await (const items of pages()) rows.push(...items.map(row));
    io.out(table(header, rows));
  } else if (format === 'csv') {
    io.out(csvLine(header));
    for await (const items of pages()) io.out(items.map((item) => csvLine(row(item))).join(''));
  } else {
    io.out(`{"total":${first.total},"groups":${JSON.stringify(first.groups)},"items":[`);
    let n = 0;
    for await (const items of pages()) for (const item of items) io.out(`${n++ ? ',' : ''}\n${JSON.stringify(item)}`);
    io.out('\n]}\n');
  }
  return 0;
}

const money = (amounts: readonly { amount: string; currency: string }[]) => amounts.map((a) => `${a.amount} ${a.currency}`).join(' + ');

function findingRow(f: Finding): (string | number | null)[] {
  return [f.userPrincipalName, f.status === 'excluded' ? f.exclusions.map((e) => e.code).join(', ') : '', f.evidence.daysSinceLatest ?? 'never', f.evidence.latest?.source ?? '',
    f.licenses.map((l) => `${l.skuPartNumber}${l.reclaimable ? '' : ' (group)'}`).join(', '), `${money(f.monthlyCost)}${f.listPrice ? ' (list price)' : ''}`, f.confidence.level];
}

export async function reportCommand(argv: readonly string[], store: DataSource, io: CliIo, now = new Date()): Promise<number> {
  const args = parse(argv);
  const policy = await new PolicyStore(store).get();
  if (args.report === 'history') return historyReport(store, args.format, io);
  if (args.report === 'spend') {
    const spend = await spendSummary(store, policy, now);
    if (args.format === 'json') io.out(`${JSON.stringify(spend, null, 2)}\n`);
    else {
      const header = ['SKU', 'Name', 'Managed', 'Consumed', 'Cost', 'Frequency', 'Per month', 'Monthly total', 'Source', 'Flags'];
      const rows = spend.lines.map((l) => [l.skuPartNumber, l.friendlyName, l.managed ? 'Yes' : 'No', l.consumedUnits, l.cost ? `${l.cost.amount} ${l.cost.currency}` : '', l.cost?.paymentFrequency ?? '',
        l.monthlyPerLicense ? `${l.monthlyPerLicense.amount} ${l.monthlyPerLicense.currency}` : '', l.monthlyTotal ? `${l.monthlyTotal.amount} ${l.monthlyTotal.currency}` : '', l.monthlyPerLicense?.source ?? '', l.flags.join(', ')]);
      io.out(args.format === 'csv' ? [header, ...rows].map(csvLine).join('') : `${table(header, rows)}\ntotal per month: ${money(spend.totals) || 'none'}${spend.listPrice ? ' (includes list prices)' : ''}\n`);
    }
    return 0;
  }
  if (args.report === 'downgrades') {
    return pagedReport((page) => downgrades(store, { page, pageSize: PAGE }, policy, now), args.format, io,
      ['User', 'From', 'To', 'Saving per month', 'Used services', 'Loses plans', 'Reclaimable'],
      (d) => [d.userPrincipalName, d.from.skuPartNumber, d.to.skuPartNumber, `${d.monthlySaving.amount} ${d.monthlySaving.currency}${d.listPrice ? ' (list price)' : ''}`, d.usedServices.join('; '), d.lostPlans.join('; '), d.reclaimable ? 'Yes' : 'No (group)']);
  }
  if (args.report === 'overlaps') {
    return pagedReport((page) => overlaps(store, { page, pageSize: PAGE }, policy, now), args.format, io,
      ['User', 'Redundant', 'Included in', 'Saving per month', 'Reclaimable'],
      (o) => [o.userPrincipalName, o.redundant.skuPartNumber, o.coveredBy.skuPartNumber, o.redundant.monthlyCost ? `${o.redundant.monthlyCost.amount} ${o.redundant.monthlyCost.currency}` : '', o.reclaimable ? 'Yes' : 'No (group)']);
  }
  if (args.report === 'users') {
    let count = 0;
    if (args.format !== 'json') io.out(userCsvHeader());
    else io.out('[');
    for await (const u of exportUsers(store, policy, now, { apps: args.format === 'json' })) {
      io.out(args.format === 'json' ? `${count ? ',' : ''}\n${JSON.stringify(u)}` : userCsvRow(u));
      count++;
    }
    if (args.format === 'json') io.out('\n]\n');
    return 0;
  }
  const findings = exportFindings(store, { kind: args.report, status: args.status, sort: args.sort, apps: args.format === 'json' }, policy, now);
  let count = 0;
  if (args.format === 'csv') {
    io.out(findingCsvHeader());
    for await (const f of findings) { io.out(findingCsvRow(f)); count++; }
  } else if (args.format === 'json') {
    io.out('[');
    for await (const f of findings) io.out(`${count++ ? ',' : ''}\n${JSON.stringify(f)}`);
    io.out('\n]\n');
  } else {
    const rows: (string | number | null)[][] = [];
    const header = ['User', 'Excluded by', 'Days since use', 'Latest evidence', 'Licenses', 'Cost per month', 'Confidence'];
    for await (const f of findings) {
      rows.push(findingRow(f));
      if (rows.length === 1000) { io.out(table(header, rows)); rows.length = 0; }
      count++;
    }
    if (rows.length || count === 0) io.out(table(header, rows));
    io.out(`${count} ${args.status === 'all' ? '' : `${args.status} `}${args.report} users\n`);
    if (args.status === 'flagged') {
      // Excluded users are never silently dropped: the table says how many the policy holds back.
      const excluded = (await listFindings(store, { kind: args.report, status: 'excluded', page: 1, pageSize: 1 }, policy, now)).total;
      if (excluded) io.out(`${excluded} more excluded by policy: --status excluded lists them with the reason\n`);
    }
  }
  return 0;
}

if (require.main === module) runCli((store, io) => reportCommand(process.argv.slice(2), store, io), REPORT_USAGE);

/** The audit history, oldest first, read a thousand events at a time by id. */
async function historyReport(store: DataSource, format: 'table' | 'csv' | 'json', io: CliIo): Promise<number> {
  const header = ['At', 'Actor', 'Action', 'Subject', 'Request', 'Outcome', 'Detail'];
  const rows: (string | number | null)[][] = [];
  let after = 0;
  let count = 0;
  if (format === 'csv') io.out(csvLine(header));
  if (format === 'json') io.out('[');
  for (;;) {
    const events = await store.getRepository(AuditEvent).find({ where: { id: MoreThan(after) }, order: { id: 'ASC' }, take: 1000 });
    if (events.length === 0) break;
    for (const e of events) {
      const row = [e.at, e.actor, e.action, `${e.subjectType} ${e.subjectId}`, e.requestId ?? '', e.outcome, JSON.stringify(e.detail)];
      if (format === 'json') io.out(`${count ? ',' : ''}\n${JSON.stringify(e)}`);
      else if (format === 'csv') io.out(csvLine(row));
      else rows.push(row);
      count++;
    }
    after = events[events.length - 1]!.id;
  }
  if (format === 'json') io.out(`${count ? '\n' : ''}]\n`);
  if (format === 'table') io.out(count ? table(header, rows) : 'no history yet\n');
  return 0;
}
