import { userInfo } from 'node:os';
import type { DataSource } from 'typeorm';
import { PolicyStore } from '../policy-store';
import { type CliIo, UsageError, runCli } from './open';
import { table } from './table';

/**
 * `npm run policy -- show | set KEY VALUE`: reads or changes the insights policy in the configured
 * store. Every change is audited with the operating-system user as the actor.
 */
export const POLICY_USAGE = 'usage: npm run policy -- show | set KEY VALUE   (lists comma-separated, "none" clears; managedSkus takes "all" or part numbers)';

export async function policyCommand(argv: readonly string[], store: DataSource, io: CliIo, now = new Date()): Promise<number> {
  const [verb, key, ...rest] = argv;
  const policies = new PolicyStore(store);
  if (verb === 'show' && key === undefined) {
    const view = await policies.view();
    io.out(table(['key', 'value', '', 'changed by', 'meaning'], view.entries.map((e) => [e.key, e.text, e.isDefault ? '(default)' : '', e.updatedBy ? `${e.updatedBy} ${e.updatedAt}` : '', e.description])));
    io.out(`\nmanagedSkus: ${view.managedSkus.all ? 'all' : view.managedSkus.skus.filter((s) => s.managed).map((s) => s.skuPartNumber).join(', ') || 'none'}\n`);
    for (const warning of view.warnings) io.err(`warning: ${warning}\n`);
    return 0;
  }
  if (verb === 'set' && key !== undefined && rest.length > 0) {
    const change = await policies.set(key, rest.join(' '), `cli:${userInfo().username}`, now);
    if (!change.ok) {
      io.err(`refused: ${key}: ${change.error}\n`);
      return 2;
    }
    io.out(change.changed ? `${change.key}: ${change.from} → ${change.to}\n` : `${change.key} is already ${change.to}; nothing changed\n`);
    return 0;
  }
  throw new UsageError(verb ? `unknown or incomplete command: ${argv.join(' ')}` : 'no command given');
}

if (require.main === module) runCli((store, io) => policyCommand(process.argv.slice(2), store, io), POLICY_USAGE);
