import { MoreThan, type DataSource } from 'typeorm';
import { z } from 'zod';
import { findingCsvHeader, findingCsvRow, csvLine, userCsvHeader, userCsvRow } from '../insights/csv';
import { downgrades, overlaps } from '../insights/downgrades-query';
import { exportFindings, exportUsers, listFindings } from '../insights/list';
import { PolicyStore } from '../insights/policy-store';
import { spendSummary } from '../insights/spend-summary';
import type { Policy } from '../insights/policy';
import type { Finding } from '../insights/types';
import { AuditEvent } from '../store';
import { copilotReport, copilotWaitlistReport } from './report/copilot';
import { EXIT, defineCommand } from './core/command';
import type { CliIo } from './core/io';
import { PAGE, pagedList, type Cell } from './core/paged';
import { main } from './core/run';
import { differentiationReport } from './report/differentiation';
import { runsReport } from './report/runs';
import { suspiciousReport } from './report/suspicious';
import { table } from './core/table';

const FINDING_STATUS = ['flagged', 'excluded', 'all'] as const;
const USER_STATUS = ['active', 'deactivated', 'all'] as const;

/** `--status` means which findings for a finding list, which users for `users`; `--sku` is the differentiation's filter. */
export const reportSchema = z
  .object({
    report: z.enum([
      'inactive',
      'never',
      'blocked',
      'downgrades',
      'overlaps',
      'spend',
      'users',
      'differentiation',
      'runs',
      'suspicious',
      'history',
      'copilot',
      'copilot-waitlist',
    ]),
    format: z.enum(['table', 'csv', 'json']).default('table'),
    status: z.enum([...FINDING_STATUS, ...USER_STATUS]).optional(),
    sort: z.enum(['cost', 'daysInactive', 'name']).default('cost'),
    sku: z.string().trim().min(1).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    const findings = ['inactive', 'never', 'blocked'].includes(a.report);
    const allowed: readonly string[] = findings ? FINDING_STATUS : a.report === 'users' ? USER_STATUS : [];
    if (a.status !== undefined && !allowed.includes(a.status)) {
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: allowed.length ? `${allowed.join(', ')} for ${a.report}` : `not for ${a.report}`,
      });
    }
    if (a.sku !== undefined && a.report !== 'differentiation')
      ctx.addIssue({ code: 'custom', path: ['sku'], message: 'differentiation only' });
  });
type Format = z.output<typeof reportSchema>['format'];

/**
 * `npm run report`: prints a whole list, streamed a thousand users at a time, with the policy stored
 * in the database. `users` is every user with their state (the Users tab), in id order. `history` is
 * the append-only audit history (requests, decisions, executions, refusals, policy changes).
 */
export const reportCommand = defineCommand({
  name: 'report',
  synopsis:
    'inactive|never|blocked|downgrades|overlaps|spend|users|differentiation|runs|suspicious|history|copilot|copilot-waitlist [--format table|csv|json] [--status flagged|excluded|active|deactivated|all] [--sort cost|daysInactive|name] [--sku X]',
  help: [
    'Prints one list from the configured store, with the policy stored there (`npm run policy`):',
    '  inactive, never, blocked   users flagged by the rule, with evidence, licenses, cost and confidence',
    "  downgrades, overlaps       cheaper covering licenses; licenses another of the user's includes",
    '  spend                      seats and cost per SKU, totals per month per currency; each cost entered or list price',
    '  users                      every Users-tab column of every user, with their state, in id order',
    '  differentiation            one row per user and managed license: the last activity of each of the 11 apps, days since',
    "  runs                       Application Task Tracking: the five tasks' last runs, status, counts, duration",
    '  suspicious                 report rows with concealed user names, and how to stop concealment',
    '  history                    the audit history: actor, time, action and outcome',
    '  copilot                    every Microsoft 365 Copilot license holder: last use per app, days idle, state',
    '  copilot-waitlist           the people waiting for a Copilot seat, first in line first',
    '  --format   table (default), csv or json',
    '  --status   inactive, never, blocked: flagged (default), excluded (with the reason) or all;',
    '             users: active (default, in the directory), deactivated (with the date) or all',
    '  --sort     cost (default), daysInactive or name; inactive, never and blocked only',
    '  --sku      differentiation: one license type, by part number or skuId',
    'Exit code 0, or 2 on a usage error or failure. Reading stops quietly when the reader does (`| head`).',
  ].join('\n'),
  options: {
    format: { type: 'string' },
    status: { type: 'string' },
    sort: { type: 'string' },
    sku: { type: 'string' },
  },
  positionals: ['report'],
  schema: reportSchema,
  async run(args, { store, io, now: clock }) {
    const now = clock();
    const policy = await new PolicyStore(store).get();
    if (args.report === 'history') await historyReport(store, args.format, io);
    else if (args.report === 'copilot') await copilotReport(store, policy, now, args.format, io);
    else if (args.report === 'copilot-waitlist') await copilotWaitlistReport(store, args.format, io);
    else if (args.report === 'spend') await spendReport(store, policy, now, args.format, io);
    else if (args.report === 'differentiation')
      await differentiationReport(store, policy, now, args.format, args.sku, io);
    else if (args.report === 'runs') await runsReport(store, args.format, io);
    else if (args.report === 'suspicious') await suspiciousReport(store, args.format, io);
    else if (args.report === 'downgrades') {
      await pagedList(
        (page) => downgrades(store, { page, pageSize: PAGE }, policy, now),
        args.format,
        io,
        ['User', 'From', 'To', 'Saving per month', 'Used services', 'Loses plans', 'Reclaimable'],
        (d) => [
          d.userPrincipalName,
          d.from.skuPartNumber,
          d.to.skuPartNumber,
          `${d.monthlySaving.amount} ${d.monthlySaving.currency}${d.listPrice ? ' (list price)' : ''}`,
          d.usedServices.join('; '),
          d.lostPlans.join('; '),
          d.reclaimable ? 'Yes' : 'No (group)',
        ],
      );
    } else if (args.report === 'overlaps') {
      await pagedList(
        (page) => overlaps(store, { page, pageSize: PAGE }, policy, now),
        args.format,
        io,
        ['User', 'Redundant', 'Included in', 'Saving per month', 'Reclaimable'],
        (o) => [
          o.userPrincipalName,
          o.redundant.skuPartNumber,
          o.coveredBy.skuPartNumber,
          o.redundant.monthlyCost ? `${o.redundant.monthlyCost.amount} ${o.redundant.monthlyCost.currency}` : '',
          o.reclaimable ? 'Yes' : 'No (group)',
        ],
      );
    } else if (args.report === 'users') {
      const status = args.status === 'deactivated' || args.status === 'all' ? args.status : 'active';
      let count = 0;
      if (args.format !== 'json') io.out(userCsvHeader());
      else io.out('[');
      for await (const u of exportUsers(store, policy, now, { apps: args.format === 'json', status })) {
        io.out(args.format === 'json' ? `${count ? ',' : ''}\n${JSON.stringify(u)}` : userCsvRow(u));
        count++;
      }
      if (args.format === 'json') io.out('\n]\n');
    } else {
      const status = args.status === 'excluded' || args.status === 'all' ? args.status : 'flagged';
      await findingsReport(store, policy, now, { ...args, report: args.report, status }, io);
    }
    return EXIT.ok;
  },
});

const money = (amounts: readonly { amount: string; currency: string }[]) =>
  amounts.map((a) => `${a.amount} ${a.currency}`).join(' + ');

async function spendReport(store: DataSource, policy: Policy, now: Date, format: Format, io: CliIo): Promise<void> {
  const spend = await spendSummary(store, policy, now);
  if (format === 'json') return io.out(`${JSON.stringify(spend, null, 2)}\n`);
  const header = [
    'SKU',
    'Name',
    'Managed',
    'Consumed',
    'Cost',
    'Frequency',
    'Per month',
    'Monthly total',
    'Source',
    'Flags',
  ];
  const rows = spend.lines.map((l) => [
    l.skuPartNumber,
    l.friendlyName,
    l.managed ? 'Yes' : 'No',
    l.consumedUnits,
    l.cost ? `${l.cost.amount} ${l.cost.currency}` : '',
    l.cost?.paymentFrequency ?? '',
    l.monthlyPerLicense ? `${l.monthlyPerLicense.amount} ${l.monthlyPerLicense.currency}` : '',
    l.monthlyTotal ? `${l.monthlyTotal.amount} ${l.monthlyTotal.currency}` : '',
    l.monthlyPerLicense?.source ?? '',
    l.flags.join(', '),
  ]);
  io.out(
    format === 'csv'
      ? [header, ...rows].map(csvLine).join('')
      : `${table(header, rows)}\ntotal per month: ${money(spend.totals) || 'none'}${spend.listPrice ? ' (includes list prices)' : ''}\n`,
  );
}

function findingRow(f: Finding): Cell[] {
  return [
    f.userPrincipalName,
    f.status === 'excluded' ? f.exclusions.map((e) => e.code).join(', ') : '',
    f.evidence.daysSinceLatest ?? 'never',
    f.evidence.latest?.source ?? '',
    f.licenses.map((l) => `${l.skuPartNumber}${l.reclaimable ? '' : ' (group)'}`).join(', '),
    `${money(f.monthlyCost)}${f.listPrice ? ' (list price)' : ''}`,
    f.confidence.level,
  ];
}

type FindingsArgs = z.output<typeof reportSchema> & {
  report: 'inactive' | 'never' | 'blocked';
  status: 'flagged' | 'excluded' | 'all';
};

async function findingsReport(
  store: DataSource,
  policy: Policy,
  now: Date,
  args: FindingsArgs,
  io: CliIo,
): Promise<void> {
  const findings = exportFindings(
    store,
    { kind: args.report, status: args.status, sort: args.sort, apps: args.format === 'json' },
    policy,
    now,
  );
  let count = 0;
  if (args.format === 'csv') {
    io.out(findingCsvHeader());
    for await (const f of findings) {
      io.out(findingCsvRow(f));
      count++;
    }
  } else if (args.format === 'json') {
    io.out('[');
    for await (const f of findings) io.out(`${count++ ? ',' : ''}\n${JSON.stringify(f)}`);
    io.out('\n]\n');
  } else {
    const rows: Cell[][] = [];
    const header = [
      'User',
      'Excluded by',
      'Days since use',
      'Latest evidence',
      'Licenses',
      'Cost per month',
      'Confidence',
    ];
    for await (const f of findings) {
      rows.push(findingRow(f));
      if (rows.length === 1000) {
        io.out(table(header, rows));
        rows.length = 0;
      }
      count++;
    }
    if (rows.length || count === 0) io.out(table(header, rows));
    io.out(`${count} ${args.status === 'all' ? '' : `${args.status} `}${args.report} users\n`);
    if (args.status === 'flagged') {
      // Excluded users are never silently dropped: the table says how many the policy holds back.
      const excluded = (
        await listFindings(store, { kind: args.report, status: 'excluded', page: 1, pageSize: 1 }, policy, now)
      ).total;
      if (excluded) io.out(`${excluded} more excluded by policy: --status excluded lists them with the reason\n`);
    }
  }
}

/** The audit history, oldest first, read a thousand events at a time by id. */
async function historyReport(store: DataSource, format: Format, io: CliIo): Promise<void> {
  // Count: 1, or how many times a row counted per hour happened in its hour (refused activities of other tenants).
  const header = ['At', 'Actor', 'Action', 'Subject', 'Request', 'Outcome', 'Count', 'Detail'];
  const rows: Cell[][] = [];
  let after = 0;
  let count = 0;
  if (format === 'csv') io.out(csvLine(header));
  if (format === 'json') io.out('[');
  for (;;) {
    const events = await store
      .getRepository(AuditEvent)
      .find({ where: { id: MoreThan(after) }, order: { id: 'ASC' }, take: 1000 });
    if (events.length === 0) break;
    for (const e of events) {
      const row = [
        e.at,
        e.actor,
        e.action,
        `${e.subjectType} ${e.subjectId}`,
        e.requestId ?? '',
        e.outcome,
        e.count,
        JSON.stringify(e.detail),
      ];
      if (format === 'json') io.out(`${count ? ',' : ''}\n${JSON.stringify(e)}`);
      else if (format === 'csv') io.out(csvLine(row));
      else rows.push(row);
      count++;
    }
    after = events[events.length - 1]!.id;
  }
  if (format === 'json') io.out(`${count ? '\n' : ''}]\n`);
  if (format === 'table') io.out(count ? table(header, rows) : 'no history yet\n');
}

if (require.main === module) main(reportCommand);
