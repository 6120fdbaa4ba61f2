import { userInfo } from 'node:os';
import type { DataSource } from 'typeorm';
import { type CliIo, UsageError, runCli } from '../../insights/cli/open';
import { table } from '../../insights/cli/table';
import { ExportSigningKeys } from '../../store';
import { LINK_TTL_MS } from '../export-links';

export const EXPORT_KEYS_USAGE = 'usage: npm run export-keys -- [list] | rotate [--retire-now]';

/**
 * `npm run export-keys`: lists the keys that sign "Export CSV" links (never their secrets), or
 * `rotate`s: a new key signs from now on; the old ones are refused once the links they signed have
 * expired (15 minutes), or at once with `--retire-now` (a key that may have leaked). Audited with
 * the operating-system user as the actor. Every instance on the database follows at once.
 */
export async function exportKeysCommand(argv: readonly string[], store: DataSource, io: CliIo, now = new Date()): Promise<number> {
  const keys = new ExportSigningKeys(store);
  const [verb = 'list', ...flags] = argv;
  if (verb === 'list' && flags.length === 0) {
    const list = await keys.list();
    const state = (retiredAt: string | null) => (retiredAt === null ? 'in use' : `${retiredAt > now.toISOString() ? 'retires' : 'retired'} ${retiredAt}`);
    io.out(list.length ? table(['key', 'created', 'state'], list.map((k) => [k.id, k.createdAt, state(k.retiredAt)])) : 'no key yet: the first export link makes one\n');
    return 0;
  }
  if (verb === 'rotate' && (flags.length === 0 || (flags.length === 1 && flags[0] === '--retire-now'))) {
    const retireNow = flags.length === 1;
    const { id, retired } = await keys.rotate(now, retireNow ? 0 : LINK_TTL_MS, `cli:${userInfo().username}`);
    const old = retired.length === 0 ? 'no key was in use before'
      : retireNow ? `key ${retired.join(', ')} retired: its links are refused from now on`
        : `key ${retired.join(', ')} retires in ${LINK_TTL_MS / 60_000} minutes, when the links it signed have expired`;
    io.out(`key ${id} signs export links from now on; ${old}\n`);
    return 0;
  }
  throw new UsageError(`unknown or incomplete command: ${argv.join(' ')}`);
}

if (require.main === module) runCli((store, io) => exportKeysCommand(process.argv.slice(2), store, io), EXPORT_KEYS_USAGE);
