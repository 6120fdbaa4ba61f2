import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as sqlite3 from 'sqlite3';
import { openStore } from '../../src/store';
import { tempDir } from '../helpers/temp-dir';

const pragma = async (store: Awaited<ReturnType<typeof openStore>>, name: string): Promise<unknown> =>
  Object.values(((await store.query(`PRAGMA ${name}`)) as Record<string, unknown>[])[0]!)[0];

describe('SQLite store file', () => {
  it('a new store has 32 KiB pages, in WAL mode, checkpointing every 64 MiB of log', async () => {
    const dir = tempDir();
    const store = await openStore({ type: 'sqlite', path: join(dir.path, 'new', 'steward.sqlite') });
    try {
      assert.equal(await pragma(store, 'page_size'), 32_768);
      assert.equal(await pragma(store, 'journal_mode'), 'wal');
      assert.equal(await pragma(store, 'wal_autocheckpoint'), 2048);
    } finally {
      await store.destroy();
      dir.cleanup();
    }
  });

  it('a store made with other pages keeps them, and its checkpoint interval follows', async () => {
    const dir = tempDir();
    const path = join(dir.path, 'steward.sqlite');
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(path, (error) => {
        if (error) return reject(error);
        db.exec('PRAGMA page_size = 4096; CREATE TABLE "before" ("x")', (e) =>
          db.close(() => (e ? reject(e) : resolve())),
        );
      });
    });
    const store = await openStore({ type: 'sqlite', path });
    try {
      assert.equal(await pragma(store, 'page_size'), 4096);
      assert.equal(await pragma(store, 'wal_autocheckpoint'), 16_384);
    } finally {
      await store.destroy();
      dir.cleanup();
    }
  });
});
