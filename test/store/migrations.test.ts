import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../src/store';
import { tempDir } from '../helpers/temp-dir';

describe('store migrations', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => { dir = tempDir(); });
  afterEach(() => dir.cleanup());

  it('create every table on an empty SQLite file, in WAL mode', async () => {
    const store = await openStore({ type: 'sqlite', path: join(dir.path, 'nested', 'steward.sqlite') });
    try {
      const tables = (await store.query("SELECT name FROM sqlite_master WHERE type = 'table'")) as { name: string }[];
      const names = tables.map((t) => t.name);
      for (const meta of store.entityMetadatas) assert.ok(names.includes(meta.tableName), `missing table ${meta.tableName}`);
      const [mode] = (await store.query('PRAGMA journal_mode')) as { journal_mode: string }[];
      assert.equal(mode?.journal_mode, 'wal');
    } finally {
      await store.destroy();
    }
  });

  it('leave the schema exactly as the entities describe it (nothing for synchronize to do)', async () => {
    const store = await openStore({ type: 'sqlite', path: join(dir.path, 'steward.sqlite') });
    try {
      const pending = await store.driver.createSchemaBuilder().log();
      assert.deepEqual(pending.upQueries.map((q) => q.query), []);
    } finally {
      await store.destroy();
    }
  });

  it('are idempotent: a second start applies nothing and keeps the data', async () => {
    const path = join(dir.path, 'steward.sqlite');
    const first = await openStore({ type: 'sqlite', path });
    await first.query("INSERT INTO settings (key, value, updatedAt, updatedBy) VALUES ('probe', '1', '2026-01-01T00:00:00.000Z', 'test')");
    const applied = (await first.query('SELECT COUNT(*) AS n FROM migrations')) as { n: number }[];
    await first.destroy();

    const second = await openStore({ type: 'sqlite', path });
    try {
      assert.equal(await second.showMigrations(), false, 'no pending migration');
      const again = (await second.query('SELECT COUNT(*) AS n FROM migrations')) as { n: number }[];
      assert.deepEqual(again, applied);
      const rows = (await second.query("SELECT key FROM settings WHERE key = 'probe'")) as unknown[];
      assert.equal(rows.length, 1);
    } finally {
      await second.destroy();
    }
  });
});
