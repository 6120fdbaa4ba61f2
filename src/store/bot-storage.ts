import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { In, type DataSource } from 'typeorm';
import { BotStateItem } from './entities';

/**
 * botbuilder `Storage` over the product database, so the teams-ai Application's conversation and
 * user state survive restarts and are shared by instances. Optimistic concurrency follows the
 * Storage contract: an item written with a stale `eTag` is refused; `*` or no eTag overwrites.
 */
export class DatabaseBotStorage implements Storage {
  constructor(private readonly dataSource: DataSource) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.dataSource.getRepository(BotStateItem).findBy({ key: In(keys) });
    const items: StoreItems = {};
    for (const row of rows) {
      items[row.key] = { ...(JSON.parse(row.value) as Record<string, unknown>), eTag: row.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(BotStateItem);
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...value } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
        const current = await repo.findOneBy({ key });
        if (current && eTag && eTag !== '*' && eTag !== current.eTag) {
          throw new Error(`Storage: eTag conflict for key "${key}"`);
        }
        await repo.save({ key, value: JSON.stringify(value), eTag: randomUUID(), updatedAt: new Date().toISOString() });
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.getRepository(BotStateItem).delete({ key: In(keys) });
  }
}
