import { eachTextPair } from '../store';
import type { TaskContext } from './task';

/**
 * Lower-cased UPN → user id of every active user: reports name users only by UPN. Two short
 * strings per user, not the user records.
 */
export async function userIdsByUpn(ctx: TaskContext): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  await eachTextPair(
    ctx.dataSource.manager,
    { first: '"userPrincipalName"', second: '"id"', from: 'FROM "users" WHERE "deactivatedDate" IS NULL' },
    [],
    (upn, id) => ids.set(upn.toLowerCase(), id),
  );
  return ids;
}
