import { parseArgs } from 'node:util';
import { cliConfig } from '../../cli/environment';
import { createLogger } from '../../logging/logger';
import { openStore } from '../../store';
import { AdminDirectory, adminsSchema } from '../auth/admins';

const USAGE = 'usage: npm run admins -- [--add-user <object id or UPN>] [--remove-user <…>] [--add-group <group id>] [--remove-group <…>]';

/**
 * `npm run admins`: shows or changes who administers License Steward (the `admins` setting), for
 * the operator who sets the bot up: admin-only commands cannot name the first admin. Each change is
 * audited with actor `cli`.
 */
async function main(): Promise<number> {
  let values: Record<string, string[] | undefined>;
  try {
    values = parseArgs({
      options: { 'add-user': { type: 'string', multiple: true }, 'remove-user': { type: 'string', multiple: true }, 'add-group': { type: 'string', multiple: true }, 'remove-group': { type: 'string', multiple: true } },
    }).values as Record<string, string[] | undefined>;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const config = cliConfig();
  const log = createLogger({ level: 'warn', secrets: config.secrets });
  const dataSource = await openStore(config.database);
  try {
    const directory = new AdminDirectory({ dataSource, log, now: () => new Date(), memberGroups: async () => [] });
    const current = await directory.configured();
    const lower = (list: string[] | undefined) => (list ?? []).map((v) => v.trim().toLowerCase());
    const users = new Set(current.source === 'settings' ? current.users : []);
    const groups = new Set(current.source === 'settings' ? current.groups : []);
    lower(values['add-user']).forEach((u) => users.add(u));
    lower(values['remove-user']).forEach((u) => users.delete(u));
    lower(values['add-group']).forEach((g) => groups.add(g));
    lower(values['remove-group']).forEach((g) => groups.delete(g));
    const changed = Object.values(values).some((v) => v?.length);
    if (changed) {
      const next = adminsSchema.safeParse({ users: [...users], groups: [...groups] });
      if (!next.success) {
        process.stderr.write(`${next.error.issues.map((i) => i.message).join('; ')}\n${USAGE}\n`);
        return 2;
      }
      await directory.set(next.data, 'cli');
    }
    const shown = await directory.configured();
    process.stdout.write(`License Steward admins (${shown.source === 'default' ? 'none configured; demo default in use' : 'from settings'}):\n`);
    process.stdout.write(`  users : ${shown.users.join(', ') || '—'}\n  groups: ${shown.groups.join(', ') || '—'}\n`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`admins failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
