import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { z } from 'zod';
import { LicenseCosts, type CostChange, type SkuCost } from '../insights/license-costs';
import { EXIT, defineCommand, type ExitCode } from './core/command';
import type { CliIo } from './core/io';
import { main } from './core/run';
import { table } from './core/table';

const COST_OPTIONS = ['cost', 'currency', 'frequency', 'months', 'effective', 'expires'] as const;

/**
 * `list [--format table|json]`, `set <sku> --cost … --currency … --frequency … [--months …]
 * [--effective …] [--expires …]` or `import <file.csv>`. Only whether each part is there is checked
 * here; the values are the domain's to judge (src/insights/cost-entry.ts), so that a refused value is
 * audited like one refused on the Teams form.
 */
export const costsSchema = z
  .object({
    verb: z.string().optional(),
    target: z.string().optional(),
    format: z.string().optional(),
    ...(Object.fromEntries(COST_OPTIONS.map((o) => [o, z.string().optional()])) as Record<
      (typeof COST_OPTIONS)[number],
      z.ZodOptional<z.ZodString>
    >),
  })
  .strict()
  .transform((a, ctx) => {
    const fail = (message: string) => {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    };
    const given = COST_OPTIONS.filter((o) => a[o] !== undefined);
    if (a.verb === 'list') {
      if (a.target !== undefined || given.length)
        return fail(`list takes only --format, got ${a.target ?? `--${given[0]}`}`);
      const format = z.enum(['table', 'json']).safeParse(a.format ?? 'table');
      return format.success
        ? { verb: 'list' as const, format: format.data }
        : fail(`--format: table or json, not ${a.format}`);
    }
    if (a.format !== undefined) return fail('--format goes with list only');
    if (a.verb === 'set') {
      const missing = (['cost', 'currency', 'frequency'] as const)
        .filter((o) => a[o] === undefined)
        .map((o) => `--${o}`);
      if (a.target === undefined) return fail('set needs the SKU part number or id');
      if (missing.length) return fail(`set needs ${missing.join(', ')}`);
      return {
        verb: 'set' as const,
        entry: {
          sku: a.target,
          cost: a.cost!,
          currency: a.currency!,
          frequency: a.frequency!,
          months: a.months,
          effective: a.effective,
          expires: a.expires,
        },
      };
    }
    if (a.verb === 'import') {
      if (a.target === undefined) return fail('import needs the CSV file');
      if (given.length) return fail(`import takes the file only, got --${given[0]}`);
      return { verb: 'import' as const, file: a.target };
    }
    return fail(a.verb ? `unknown command ${a.verb}: list, set or import` : 'no command given: list, set or import');
  });

/**
 * `npm run costs`: license cost details per SKU (docs/product-rules.md R16), which spend, waste,
 * savings and the digest use before Microsoft's list prices. Every change and refusal is audited
 * with the operating-system user as the actor.
 */
export const costsCommand = defineCommand({
  name: 'costs',
  synopsis:
    'list [--format table|json] | set <SKU part number or id> --cost N --currency ISO --frequency monthly|annual|multi-year|one-time [--months N] [--effective YYYY-MM-DD] [--expires YYYY-MM-DD] | import <file.csv>',
  help: [
    'License cost details per SKU. Spend, waste, savings and the digest use the cost entered for a license,',
    "converted to a month by its payment frequency, and Microsoft's list price only where none is in force.",
    '  list     every SKU: the cost per month in force, entered or list price, and the costs entered',
    '  set      adds a cost for one license: --cost for one payment, an ISO 4217 --currency, --frequency;',
    '           multi-year needs --months (what one payment covers), one-time --months or both dates.',
    '           A cost with a later --effective date is a renewal: the earlier one stays for its period,',
    '           and savings already recorded keep the cost they were made at. An expired cost gives way to',
    '           the next one in force, else to the list price.',
    '  import   a CSV file with a header row (sku,cost,currency,frequency,months,effective,expires; any order,',
    '           the last three optional): every row is checked, and one bad row refuses the whole file.',
    'Every change and every refusal is audited, with cli:<operating-system user> as the actor.',
    'Exit code 0, or 2 on a usage error, a refused cost or file, or a failure.',
  ].join('\n'),
  options: {
    format: { type: 'string' },
    cost: { type: 'string' },
    currency: { type: 'string' },
    frequency: { type: 'string' },
    months: { type: 'string' },
    effective: { type: 'string' },
    expires: { type: 'string' },
  },
  positionals: ['verb', 'target'],
  schema: costsSchema,
  async run(args, { store, io, now: clock }) {
    const costs = new LicenseCosts(store);
    const actor = `cli:${userInfo().username}`;
    const now = clock();
    if (args.verb === 'list') {
      const list = await costs.list(now);
      io.out(args.format === 'json' ? `${JSON.stringify(list, null, 2)}\n` : listTable(list));
      return EXIT.ok;
    }
    if (args.verb === 'set')
      return outcome(await costs.set(args.entry, actor, now), io, () => `${args.entry.sku}: cost stored`);
    let text: string;
    try {
      text = await readFile(args.file, 'utf8');
    } catch (error) {
      io.err(`refused: cannot read ${args.file}: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.failed;
    }
    return outcome(
      await costs.import(text, basename(args.file), actor, now),
      io,
      (n) => `${n} ${n === 1 ? 'cost' : 'costs'} imported from ${args.file}`,
    );
  },
});

function outcome(change: CostChange, io: CliIo, said: (stored: number) => string): ExitCode {
  if (!change.ok) {
    io.err(`refused, nothing changed:\n${change.errors.map((e) => `  ${e}\n`).join('')}`);
    return EXIT.failed;
  }
  io.out(`${said(change.ids.length)}; \`npm run costs -- list\` shows the cost in force\n`);
  return EXIT.ok;
}

function listTable(list: readonly SkuCost[]): string {
  const rows = list.map((c) => [
    c.skuPartNumber,
    c.friendlyName,
    c.managed ? 'Yes' : 'No',
    c.monthly ? `${c.monthly.amount} ${c.monthly.currency}` : '',
    c.source ?? '',
    c.entered
      .map(
        (e) =>
          `${e.cost} ${e.currency} ${e.frequency}${e.months ? ` ${e.months} months` : ''} ${e.effective ?? '…'}→${e.expires ?? '…'} (${e.status})`,
      )
      .join('; '),
    c.flags.join(', '),
  ]);
  return table(['SKU', 'Name', 'Managed', 'Per month', 'Source', 'Entered', 'Flags'], rows);
}

if (require.main === module) main(costsCommand);
