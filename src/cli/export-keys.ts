import { userInfo } from 'node:os';
import { z } from 'zod';
import { LINK_TTL_MS } from '../bot/export-links';
import { ExportSigningKeys } from '../store';
import { EXIT, defineCommand } from './core/command';
import { main } from './core/run';
import { table } from './core/table';

/** `list` (the default), or `rotate` with `--retire-now` to refuse the old key's links at once. */
export const exportKeysSchema = z
  .object({ verb: z.enum(['list', 'rotate']).default('list'), 'retire-now': z.boolean().default(false) })
  .strict()
  .refine((args) => args.verb === 'rotate' || !args['retire-now'], { message: '--retire-now goes with rotate' });

/**
 * `npm run export-keys`: lists the keys that sign "Export CSV" links (never their secrets), or
 * `rotate`s: a new key signs from now on; the old ones are refused once the links they signed have
 * expired (15 minutes), or at once with `--retire-now` (a key that may have leaked). Audited with
 * the operating-system user as the actor. Every instance on the database follows at once.
 */
export const exportKeysCommand = defineCommand({
  name: 'export-keys',
  synopsis: '[list] | rotate [--retire-now]',
  help: [
    'Lists the keys that sign "Export CSV" links (id, created, in use or retired; never the secret), or',
    'rotates: a new key signs from now on, and the old one is refused once its links have expired',
    `(${LINK_TTL_MS / 60_000} minutes), or at once with --retire-now. Every instance on the database follows at once.`,
    'A rotation is audited, with cli:<operating-system user> as the actor. Exit code 0, or 2 on a usage error or failure.',
  ].join('\n'),
  options: { 'retire-now': { type: 'boolean' } },
  positionals: ['verb'],
  schema: exportKeysSchema,
  async run(args, { store, io, now }) {
    const keys = new ExportSigningKeys(store);
    const at = now();
    if (args.verb === 'list') {
      const list = await keys.list();
      const state = (retiredAt: string | null) =>
        retiredAt === null ? 'in use' : `${retiredAt > at.toISOString() ? 'retires' : 'retired'} ${retiredAt}`;
      io.out(
        list.length
          ? table(
              ['key', 'created', 'state'],
              list.map((k) => [k.id, k.createdAt, state(k.retiredAt)]),
            )
          : 'no key yet: the first export link makes one\n',
      );
      return EXIT.ok;
    }
    const retireNow = args['retire-now'];
    const { id, retired } = await keys.rotate(at, retireNow ? 0 : LINK_TTL_MS, `cli:${userInfo().username}`);
    const old =
      retired.length === 0
        ? 'no key was in use before'
        : retireNow
          ? `key ${retired.join(', ')} retired: its links are refused from now on`
          : `key ${retired.join(', ')} retires in ${LINK_TTL_MS / 60_000} minutes, when the links it signed have expired`;
    io.out(`key ${id} signs export links from now on; ${old}\n`);
    return EXIT.ok;
  },
});

if (require.main === module) main(exportKeysCommand);
