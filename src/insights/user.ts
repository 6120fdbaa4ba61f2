import type { DataSource } from 'typeorm';
import { findUserId } from '../store';
import { loadContext } from './context';
import { explainUser } from './explain';
import type { Policy } from './policy';
import { loadUserDetails } from './sql/user-facts';
import type { UserInsight } from './types';

/** Everything about one user (Users-tab columns included), found by object id or UPN; null when the store does not know them. */
export async function userFinding(
  store: DataSource,
  idOrUpn: string,
  policy: Policy,
  now: Date,
): Promise<UserInsight | null> {
  const id = await findUserId(store, idOrUpn);
  if (!id) return null;
  const [detail] = await loadUserDetails(store, [id], { tab: true });
  if (!detail) return null;
  return explainUser(detail, await loadContext(store, policy, now));
}
