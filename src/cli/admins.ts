import { z } from 'zod';
import { AdminDirectory, adminsSchema } from '../bot/auth/admins';
import { AuditedSettings, UsersDirectory } from '../store';
import { EXIT, defineCommand } from './core/command';
import { UsageError } from './core/parse';
import { main } from './core/run';

const ids = z.array(z.string()).default([]);

/** Each option may be given more than once; the ids are checked by the `admins` setting's own schema. */
export const adminsOptionsSchema = z
  .object({ 'add-user': ids, 'remove-user': ids, 'add-group': ids, 'remove-group': ids })
  .strict();

const list = { type: 'string', multiple: true } as const;

/**
 * `npm run admins`: shows or changes who administers License Steward (the `admins` setting), for
 * the operator who sets the bot up: admin-only commands cannot name the first admin. Each change is
 * audited with actor `cli`.
 */
export const adminsCommand = defineCommand({
  name: 'admins',
  synopsis: '[--add-user <object id or UPN>] [--remove-user <…>] [--add-group <group id>] [--remove-group <…>]',
  help: [
    'Shows who administers License Steward (named users, and groups whose members are admins), after',
    'applying the changes asked for. Each option may be repeated; ids and UPNs are kept in lower case.',
    'Each change is audited with actor "cli". Admin-only Teams commands cannot name the first admin: this can.',
    'Exit code 0, or 2 on a usage error or failure.',
  ].join('\n'),
  options: { 'add-user': list, 'remove-user': list, 'add-group': list, 'remove-group': list },
  schema: adminsOptionsSchema,
  async run(args, { store, log, io, now }) {
    const directory = new AdminDirectory({
      settings: new AuditedSettings(store),
      users: new UsersDirectory(store),
      log,
      now,
      memberGroups: async () => [],
    });
    const current = await directory.configured();
    const lower = (values: string[]) => values.map((v) => v.trim().toLowerCase());
    const users = new Set(current.source === 'settings' ? current.users : []);
    const groups = new Set(current.source === 'settings' ? current.groups : []);
    lower(args['add-user']).forEach((u) => users.add(u));
    lower(args['remove-user']).forEach((u) => users.delete(u));
    lower(args['add-group']).forEach((g) => groups.add(g));
    lower(args['remove-group']).forEach((g) => groups.delete(g));
    if (Object.values(args).some((v) => v.length)) {
      const next = adminsSchema.safeParse({ users: [...users], groups: [...groups] });
      if (!next.success) throw new UsageError(next.error.issues.map((i) => i.message).join('; '));
      await directory.set(next.data, 'cli');
    }
    const shown = await directory.configured();
    io.out(
      `License Steward admins (${shown.source === 'default' ? 'none configured; demo default in use' : 'from settings'}):\n`,
    );
    io.out(`  users : ${shown.users.join(', ') || '—'}\n  groups: ${shown.groups.join(', ') || '—'}\n`);
    return EXIT.ok;
  },
});

if (require.main === module) main(adminsCommand);
