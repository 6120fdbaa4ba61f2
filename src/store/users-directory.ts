import { In, type DataSource } from 'typeorm';
import { TenantUser } from './entities';

/** The tenant's users as the last sync stored them: found by UPN or id, and named for cards. */
export class UsersDirectory {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(TenantUser);
  }

  /** The stored user with this UPN (case-insensitive), or null. */
  async byUpn(upn: string): Promise<TenantUser | null> {
    const users = await this.repo
      .createQueryBuilder('u')
      .where('LOWER(u.userPrincipalName) = :upn', { upn: upn.toLowerCase() })
      .getMany();
    // A deleted user's UPN can be reused: the live account wins.
    return users.find((u) => u.deactivatedDate === null) ?? users[0] ?? null;
  }

  async byId(id: string): Promise<TenantUser | null> {
    return this.repo.findOneBy({ id });
  }

  /** The stored users among these object ids (exact ids), in no particular order. */
  async byIds(ids: readonly string[]): Promise<TenantUser[]> {
    return ids.length ? this.repo.findBy({ id: In([...ids]) }) : [];
  }

  /** Display name (else UPN) of each stored user among these ids; unknown ids are left out. */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.byIds(ids)).map((u) => [u.id, u.displayName ?? u.userPrincipalName]));
  }
}
