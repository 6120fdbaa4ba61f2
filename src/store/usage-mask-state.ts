import type { EntityManager } from 'typeorm';
import { UsageMaskState } from './entities';

/**
 * Marks the usage-mask snapshot out of date. Called by whoever changes what it is built from
 * (users, their licenses and activity, group members): the task runner after each task, and the
 * reclamation effects in their own transaction.
 */
export async function invalidateUsageMasks(manager: EntityManager): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(UsageMaskState)
    .set({ generation: () => '"generation" + 1' })
    .execute();
}
