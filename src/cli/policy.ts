import { userInfo } from 'node:os';
import { z } from 'zod';
import { PolicyStore } from '../insights/policy-store';
import { EXIT, defineCommand } from './core/command';
import { main } from './core/run';
import { table } from './core/table';

/** `show`, or `set KEY VALUE…` (the value's words joined by spaces, as the shell split them). */
export const policySchema = z
  .object({ verb: z.string().optional(), key: z.string().optional(), value: z.array(z.string()) })
  .strict()
  .transform((args, ctx) => {
    if (args.verb === 'show' && args.key === undefined) return { verb: 'show' as const };
    if (args.verb === 'set' && args.key !== undefined && args.value.length > 0)
      return { verb: 'set' as const, key: args.key, value: args.value.join(' ') };
    const given = [args.verb, args.key, ...args.value].filter((a) => a !== undefined).join(' ');
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: args.verb ? `unknown or incomplete command: ${given}` : 'no command given',
    });
    return z.NEVER;
  });

/**
 * `npm run policy`: reads or changes the insights policy in the configured store. Every change is
 * audited with the operating-system user as the actor.
 */
export const policyCommand = defineCommand({
  name: 'policy',
  synopsis: 'show | set KEY VALUE',
  help: [
    'Shows the insights policy (each key, its value, who changed it and what it means), or changes one key.',
    'Lists are comma-separated, "none" clears one; managedSkus takes "all" or SKU part numbers.',
    'A value that starts with "-" goes after "--": npm run policy -- set KEY -- VALUE',
    'Every change and every refused value is audited, with cli:<operating-system user> as the actor.',
    'Exit code 0, or 2 on a usage error, a refused value or a failure.',
  ].join('\n'),
  options: {},
  positionals: ['verb', 'key', '...value'],
  schema: policySchema,
  async run(args, { store, io, now }) {
    const policies = new PolicyStore(store);
    if (args.verb === 'show') {
      const view = await policies.view();
      io.out(
        table(
          ['key', 'value', '', 'changed by', 'meaning'],
          view.entries.map((e) => [
            e.key,
            e.text,
            e.isDefault ? '(default)' : '',
            e.updatedBy ? `${e.updatedBy} ${e.updatedAt}` : '',
            e.description,
          ]),
        ),
      );
      io.out(
        `\nmanagedSkus: ${
          view.managedSkus.all
            ? 'all'
            : view.managedSkus.skus
                .filter((s) => s.managed)
                .map((s) => s.skuPartNumber)
                .join(', ') || 'none'
        }\n`,
      );
      for (const warning of view.warnings) io.err(`warning: ${warning}\n`);
      return EXIT.ok;
    }
    const change = await policies.set(args.key, args.value, `cli:${userInfo().username}`, now());
    if (!change.ok) {
      io.err(`refused: ${args.key}: ${change.error}\n`);
      return EXIT.failed;
    }
    io.out(
      change.changed
        ? `${change.key}: ${change.from} → ${change.to}\n`
        : `${change.key} is already ${change.to}; nothing changed\n`,
    );
    return EXIT.ok;
  },
});

if (require.main === module) main(policyCommand);
