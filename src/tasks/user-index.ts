import { eachTextPair } from '../store';
import type { TaskContext } from './task';

/**
 * Every active user, numbered from 0, found by UPN: reports name users only by UPN. What a report's
 * read holds of each user (the digests or days stored from the read before, whether the user was
 * written) goes in arrays by that number rather than in maps by id: a row then costs one map look-up,
 * where a look-up in each of two or three maps of 100,000 ids, none of them in the processor's cache,
 * took 1.5–1.8 µs apiece on Node's thread, which reading the reports keeps busy.
 */
export class UserIndex {
  /** The users' ids, by number. */
  readonly ids: string[] = [];
  private readonly byUpn = new Map<string, number>();
  private byId: Map<string, number> | null = null;

  get size(): number {
    return this.ids.length;
  }

  add(upn: string, id: string): void {
    this.byUpn.set(upn.toLowerCase(), this.ids.length);
    this.ids.push(id);
    this.byId = null;
  }

  /** The number of the user with this UPN, in any case. */
  ofUpn(upn: string): number | undefined {
    return this.byUpn.get(upn.toLowerCase());
  }

  /** The number of the user with this id (undefined when not an active user). */
  readonly ofId = (id: string): number | undefined => {
    if (!this.byId) {
      this.byId = new Map();
      for (let n = 0; n < this.ids.length; n++) this.byId.set(this.ids[n]!, n);
    }
    return this.byId.get(id);
  };
}

/** Every active user's UPN and id (two short strings each, not the user records). */
export async function userIndex(ctx: TaskContext): Promise<UserIndex> {
  const index = new UserIndex();
  await eachTextPair(
    ctx.dataSource.manager,
    { first: '"userPrincipalName"', second: '"id"', from: 'FROM "users" WHERE "deactivatedDate" IS NULL' },
    [],
    (upn, id) => index.add(upn, id),
  );
  return index;
}
