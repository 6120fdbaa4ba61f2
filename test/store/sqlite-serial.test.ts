import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore, Setting, SyncCursor } from '../../src/store';
import { tempDir } from '../helpers/temp-dir';

describe('SQLite transactions from concurrent callers', () => {
  it('take turns on the one connection: all commit, none nests into another', async () => {
    const dir = tempDir();
    const store = await openStore({ type: 'sqlite', path: join(dir.path, 's.sqlite') });
    try {
      const at = '2026-11-25T00:00:00.000Z';
      await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          if (i % 3 === 0) {
            // An implicit transaction (save) while explicit ones are running.
            await store.getRepository(SyncCursor).save({ name: `c${i}`, value: String(i), updatedAt: at });
            return;
          }
          await store.transaction(async (m) => {
            await m.getRepository(Setting).insert({ key: `k${i}`, value: i, updatedAt: at, updatedBy: 'test' });
            await new Promise((r) => setTimeout(r, 2));
            // A nested transaction inside runs as part of the outer one.
            await store.transaction((inner) =>
              inner.getRepository(Setting).update({ key: `k${i}` }, { updatedBy: 'nested' }),
            );
          });
        }),
      );
      assert.equal(await store.getRepository(Setting).countBy({ updatedBy: 'nested' }), 26);
      assert.equal(await store.getRepository(SyncCursor).count(), 14);
    } finally {
      await store.destroy();
      dir.cleanup();
    }
  });

  it('a failed transaction rolls back only its own writes and lets the next one run', async () => {
    const dir = tempDir();
    const store = await openStore({ type: 'sqlite', path: join(dir.path, 's.sqlite') });
    try {
      const at = '2026-11-25T00:00:00.000Z';
      const results = await Promise.allSettled([
        store.transaction(async (m) => {
          await m.getRepository(Setting).insert({ key: 'lost', value: 1, updatedAt: at, updatedBy: 't' });
          throw new Error('boom');
        }),
        store.transaction((m) =>
          m.getRepository(Setting).insert({ key: 'kept', value: 1, updatedAt: at, updatedBy: 't' }),
        ),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['rejected', 'fulfilled'],
      );
      assert.deepEqual(
        (await store.getRepository(Setting).find()).map((s) => s.key),
        ['kept'],
      );
    } finally {
      await store.destroy();
      dir.cleanup();
    }
  });
});
