import { In, LessThan, type DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Digest } from './entities';

/** Digests as built, once per schedule slot (the card every subscribed conversation gets). */
export class Digests {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(Digest);
  }

  async exists(id: string): Promise<boolean> {
    return this.repo.existsBy({ id });
  }

  /** Stores a digest; two instances may build the same slot at once: the first insert wins, the other is ignored. */
  async add(digest: Digest): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .into(Digest)
      .values(digest as QueryDeepPartialEntity<Digest>)
      .orIgnore()
      .execute();
  }

  /** The latest digest of a kind scheduled before `scheduledFor` (what the next one compares with), or null. */
  async latestBefore(kind: string, scheduledFor: string): Promise<Digest | null> {
    return this.repo.findOne({
      where: { kind, scheduledFor: LessThan(scheduledFor) },
      order: { scheduledFor: 'DESC' },
    });
  }

  async byIds(ids: readonly string[]): Promise<Digest[]> {
    return this.repo.findBy({ id: In([...new Set(ids)]) });
  }
}
