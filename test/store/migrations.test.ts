import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditEvent, MIGRATIONS, ReclamationRequest, Setting, TenantUser, openStore } from '../../src/store';
import { DropBotState1766016000000 } from '../../src/store/migrations/1766016000000-drop-bot-state';
import { ReportReads1766188800000 } from '../../src/store/migrations/1766188800000-report-reads';
import { tempDir } from '../helpers/temp-dir';
import { testDatabase, type TestDatabase } from '../helpers/test-database';

/** Requests as an older version stored them: id, user, state, and the disabled plans it noted, if any. */
async function insertRequests(
  old: DataSource,
  rows: [id: string, userId: string, state: string, disabledPlans?: string, dryRun?: boolean][],
): Promise<void> {
  const values = rows.map(
    ([id, userId, state, plans, dryRun]) =>
      `('${id}', '${userId}', '${userId}@contoso.com', 'sku-${id}', 'inactive', '{}', 'admin', 'manager', '${state}', 3, ${plans ? `'${plans}'` : 'NULL'}, ${dryRun ? 'TRUE' : 'FALSE'}, '{}', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '2025-01-08T00:00:00Z')`,
  );
  await old.query(
    `INSERT INTO reclamation_requests ("id", "userId", "userPrincipalName", "skuId", "reason", "evidence", "requestedBy", "approverId", "state", "version", "disabledPlans", "dryRun", "cards", "createdAt", "updatedAt", "expiresAt") VALUES ${values.join(', ')}`,
  );
}

describe('store migrations', () => {
  let dir: ReturnType<typeof tempDir>;
  let database: TestDatabase;
  beforeEach(async () => {
    dir = tempDir();
    database = await testDatabase();
  });
  afterEach(async () => {
    dir.cleanup();
    await database.cleanup();
  });

  /** The test database with only the first `count` migrations applied (a store made by an older version). */
  async function storeBefore(count: number): Promise<DataSource> {
    const before = { migrations: MIGRATIONS.slice(0, count), entities: [] };
    const c = database.config;
    const old = new DataSource(
      c.type === 'postgres'
        ? { type: 'postgres', url: c.url, ...before }
        : { type: 'sqlite', database: c.path, ...before },
    );
    await old.initialize();
    await old.runMigrations();
    return old;
  }

  it('create every table on an empty SQLite file, in WAL mode', async () => {
    const store = await openStore({ type: 'sqlite', path: join(dir.path, 'nested', 'steward.sqlite') });
    try {
      const tables = (await store.query("SELECT name FROM sqlite_master WHERE type = 'table'")) as { name: string }[];
      const names = tables.map((t) => t.name);
      for (const meta of store.entityMetadatas)
        assert.ok(names.includes(meta.tableName), `missing table ${meta.tableName}`);
      const [mode] = (await store.query('PRAGMA journal_mode')) as { journal_mode: string }[];
      assert.equal(mode?.journal_mode, 'wal');
    } finally {
      await store.destroy();
    }
  });

  it('leave the schema exactly as the entities describe it (nothing for synchronize to do)', async () => {
    const store = await openStore(database.config);
    try {
      const pending = await store.driver.createSchemaBuilder().log();
      assert.deepEqual(
        pending.upQueries.map((q) => q.query),
        [],
      );
    } finally {
      await store.destroy();
    }
  });

  it('are idempotent: a second start applies nothing and keeps the data', async () => {
    const first = await openStore(database.config);
    await first
      .getRepository(Setting)
      .insert({ key: 'probe', value: '1', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'test' });
    const applied = (await first.query('SELECT COUNT(*) AS n FROM migrations')) as { n: number }[];
    await first.destroy();

    const second = await openStore(database.config);
    try {
      assert.equal(await second.showMigrations(), false, 'no pending migration');
      const again = (await second.query('SELECT COUNT(*) AS n FROM migrations')) as { n: number }[];
      assert.deepEqual(again, applied);
      assert.equal(await second.getRepository(Setting).countBy({ key: 'probe' }), 1);
    } finally {
      await second.destroy();
    }
  });

  it('fail the executing requests of a user who had several at once (older versions), so one executing request per user can be enforced', async () => {
    const old = await storeBefore(6);
    await insertRequests(old, [
      ['r1', 'u1', 'executing'],
      ['r2', 'u1', 'executing'],
      ['r3', 'u2', 'executing'],
      ['r4', 'u1', 'approved'],
    ]);
    await old.destroy();

    const store = await openStore(database.config);
    try {
      const got = await store.getRepository(ReclamationRequest).find({ order: { id: 'ASC' } });
      assert.deepEqual(
        got.map((r) => [r.id, r.state, r.version]),
        [
          ['r1', 'failed', 4],
          ['r2', 'failed', 4],
          ['r3', 'executing', 3],
          ['r4', 'approved', 3],
        ],
      );
      assert.match(got[0]!.outcome ?? '', /check the user's licenses, then Retry/);
    } finally {
      await store.destroy();
    }
  });

  it('mark the requests of older versions that may have sent their Graph write (disabled plans noted just before it)', async () => {
    const old = await storeBefore(7);
    await insertRequests(old, [
      ['r1', 'u1', 'executing', '[]'],
      ['r2', 'u2', 'executing'],
      ['r3', 'u3', 'failed', '["p"]'],
      ['r4', 'u4', 'failed'],
      ['r5', 'u5', 'reclaimed', '[]'],
      ['r6', 'u6', 'failed', '[]', true],
    ]);
    await old.destroy();

    const store = await openStore(database.config);
    try {
      const got = await store.getRepository(ReclamationRequest).find({ order: { id: 'ASC' } });
      assert.deepEqual(
        got.map((r) => [r.id, r.writeSentAt]),
        [
          ['r1', '2025-01-01T00:00:00Z'],
          ['r2', null],
          ['r3', '2025-01-01T00:00:00Z'],
          ['r4', null],
          ['r5', null],
          ['r6', null],
        ],
      );
    } finally {
      await store.destroy();
    }
  });

  it('fill users.heldSkuIds from the license rows of a store made before the column (paged over many users)', async () => {
    const old = await storeBefore(3);
    const skus = [
      'aaaa0000-0000-0000-0000-000000000001',
      'bbbb0000-0000-0000-0000-000000000002',
      'cccc0000-0000-0000-0000-000000000003',
    ];
    const want = new Map<string, string>();
    await old.transaction(async (m) => {
      for (let i = 0; i < 12_001; i += 500) {
        const users: string[] = [];
        const licenses: string[] = [];
        for (let j = i; j < Math.min(i + 500, 12_001); j++) {
          const id = `u${String(j).padStart(6, '0')}`;
          users.push(`('${id}', '${id}@contoso.com', TRUE, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`);
          // 0, 1, 2 or 3 SKUs; the second one also through a group (counted once); ids stored upper case once.
          const held = skus.slice(0, j % 4);
          for (const [k, sku] of held.entries())
            licenses.push(`('${id}', '${k === 0 && j % 8 === 1 ? sku.toUpperCase() : sku}', '', '[]')`);
          if (held.length >= 2) licenses.push(`('${id}', '${skus[1]}', 'group-1', '[]')`);
          want.set(id, held.join(','));
        }
        await m.query(
          `INSERT INTO users ("id", "userPrincipalName", "accountEnabled", "activeDate", "updatedAt") VALUES ${users.join(', ')}`,
        );
        if (licenses.length)
          await m.query(
            `INSERT INTO user_licenses ("userId", "skuId", "assignedByGroup", "disabledPlans") VALUES ${licenses.join(', ')}`,
          );
      }
    });
    await old.destroy();

    const store = await openStore(database.config);
    try {
      const got = await store.getRepository(TenantUser).find({ select: { id: true, heldSkuIds: true } });
      assert.equal(got.length, 12_001);
      for (const u of got) assert.equal(u.heldSkuIds, want.get(u.id), u.id);
    } finally {
      await store.destroy();
    }
  });

  it("keep each report's refresh date once (report_reads), the rows of its latest read as of it, older ones dated", async () => {
    const old = await storeBefore(MIGRATIONS.indexOf(ReportReads1766188800000));
    await old.query(
      `INSERT INTO report_snapshots ("report", "userId", "userPrincipalName", "reportRefreshDate", "data") VALUES ('mailbox', 'u1', 'a@contoso.com', '2025-03-10', '{}'), ('mailbox', 'u2', 'b@contoso.com', '2025-03-08', '{}'), ('onedrive', 'u1', 'a@contoso.com', '2025-03-09', '{}')`,
    );
    await old.query(
      `INSERT INTO app_activity ("userId", "app", "lastActivityDate", "source", "asOf", "updatedAt") VALUES ('u1', 'exchange', '2025-03-01', 'report', '2025-03-10', 'x'), ('u2', 'exchange', '2025-02-01', 'report', '2025-03-08', 'x'), ('u1', 'outlook', '2025-03-02', 'report', '2025-03-09', 'x'), ('u1', 'powerbi', '2025-03-05T10:00:00Z', 'signin', NULL, 'x')`,
    );
    await old.destroy();

    const store = await openStore(database.config);
    try {
      const rows = async (sql: string) => (await store.query(sql)) as Record<string, unknown>[];
      assert.deepEqual(await rows(`SELECT "report", "reportRefreshDate" FROM "report_reads" ORDER BY "report"`), [
        { report: 'activeUsers', reportRefreshDate: '2025-03-10' },
        { report: 'emailActivity', reportRefreshDate: '2025-03-09' },
        { report: 'mailbox', reportRefreshDate: '2025-03-10' },
        { report: 'onedrive', reportRefreshDate: '2025-03-09' },
      ]);
      assert.deepEqual(
        await rows(
          `SELECT "report", "userId", "reportRefreshDate" FROM "report_snapshots" ORDER BY "report", "userId"`,
        ),
        [
          { report: 'mailbox', userId: 'u1', reportRefreshDate: null },
          { report: 'mailbox', userId: 'u2', reportRefreshDate: '2025-03-08' },
          { report: 'onedrive', userId: 'u1', reportRefreshDate: null },
        ],
      );
      assert.deepEqual(await rows(`SELECT "userId", "app", "asOf" FROM "app_activity" ORDER BY "userId", "app"`), [
        { userId: 'u1', app: 'exchange', asOf: null },
        { userId: 'u1', app: 'outlook', asOf: null },
        { userId: 'u1', app: 'powerbi', asOf: null },
        { userId: 'u2', app: 'exchange', asOf: null },
      ]);
    } finally {
      await store.destroy();
    }
  });

  it('drop the turn-state table nothing reads from a store made before, keeping the rest', async () => {
    const old = await storeBefore(MIGRATIONS.indexOf(DropBotState1766016000000));
    await old.query(
      `INSERT INTO bot_state ("key", "value", "eTag", "updatedAt") VALUES ('msteams/bot/conversations/c1', '{}', 'e1', '2025-01-01T00:00:00Z')`,
    );
    await old.query(
      `INSERT INTO settings ("key", "value", "updatedAt", "updatedBy") VALUES ('probe', '1', '2025-01-01T00:00:00Z', 'test')`,
    );
    await old.destroy();

    const store = await openStore(database.config);
    try {
      const runner = store.createQueryRunner();
      try {
        assert.equal(await runner.hasTable('bot_state'), false);
      } finally {
        await runner.release();
      }
      assert.equal(await store.getRepository(Setting).countBy({ key: 'probe' }), 1);
    } finally {
      await store.destroy();
    }
  });

  it('keep the audit rows of a store made before hourly counts, each counting once', async () => {
    const old = await storeBefore(7);
    await old.query(
      `INSERT INTO audit_events ("at", "actor", "action", "subjectType", "subjectId", "requestId", "outcome", "detail") VALUES ('2025-01-01T00:00:00Z', 'admin-1', 'policy.set', 'policy', 'inactiveDays', NULL, 'ok', '{}')`,
    );
    await old.destroy();

    const store = await openStore(database.config);
    try {
      const got = await store.getRepository(AuditEvent).find();
      assert.deepEqual(
        got.map((e) => [e.action, e.count, e.hour]),
        [['policy.set', 1, null]],
      );
    } finally {
      await store.destroy();
    }
  });
});
