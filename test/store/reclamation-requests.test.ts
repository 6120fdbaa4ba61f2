import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { AuditEvent, isUniqueViolation, openStore, ReclamationRequests } from '../../src/store';
import { testDatabase, type TestDatabase } from '../helpers/test-database';

const DAY = 86_400_000;

describe('reclamation requests: deadlines in the compare-and-set', () => {
  let database: TestDatabase;
  let store: DataSource;
  let requests: ReclamationRequests;
  const created = new Date('2026-11-25T10:00:00Z');
  const at = (days: number) => new Date(created.getTime() + days * DAY);

  beforeEach(async () => {
    database = await testDatabase();
    store = await openStore(database.config);
    requests = new ReclamationRequests(store);
  });
  afterEach(async () => {
    await store.destroy();
    await database.cleanup();
  });

  const create = () =>
    requests.create(
      {
        userId: 'u1',
        userPrincipalName: 'u1@contoso.com',
        skuId: 'sku-1',
        reason: 'inactive',
        evidence: {},
        requestedBy: 'admin',
        approverId: 'manager',
        dryRun: false,
        expiresAt: at(7).toISOString(),
      },
      created,
    );
  const steps = async (id: string) =>
    (await store.getRepository(AuditEvent).find({ where: { requestId: id }, order: { id: 'ASC' } })).map(
      (e) => e.action,
    );

  it('refuse a decision once expiresAt has passed, writing nothing; allow it before', async () => {
    const request = await create();
    const approve = (now: Date) =>
      requests.transition(
        request.id,
        {
          from: ['requested'],
          to: 'approved',
          version: 1,
          actor: 'manager',
          action: 'approve',
          deadline: { column: 'expiresAt', at: now.toISOString(), is: 'open' },
        },
        now,
      );
    assert.equal(await approve(at(7)), null, 'at the expiry instant');
    assert.equal(await approve(at(8)), null);
    assert.equal((await requests.get(request.id))?.state, 'requested');
    assert.deepEqual(await steps(request.id), ['request']);
    // Expiry is the same compare-and-set the other way round: not before the deadline.
    const expire = (now: Date) =>
      requests.transition(
        request.id,
        {
          from: ['requested'],
          to: 'expired',
          actor: 'system',
          action: 'expire',
          deadline: { column: 'expiresAt', at: now.toISOString(), is: 'lapsed' },
        },
        now,
      );
    assert.equal(await expire(at(6)), null);
    assert.equal((await approve(at(6)))?.state, 'approved');
  });

  it('refuse an undo past its window counted from the removal (updatedAt)', async () => {
    const request = await create();
    await requests.transition(
      request.id,
      { from: ['requested'], to: 'reclaimed', actor: 'system', action: 'execute' },
      at(1),
    );
    const undo = (now: Date) =>
      requests.transition(
        request.id,
        {
          from: ['reclaimed'],
          to: 'undone',
          actor: 'manager',
          action: 'undo',
          deadline: { column: 'updatedAt', at: new Date(now.getTime() - 30 * DAY).toISOString(), is: 'open' },
        },
        now,
      );
    assert.equal(await undo(at(32)), null);
    assert.equal((await requests.get(request.id))?.state, 'reclaimed');
    assert.equal((await undo(at(30)))?.state, 'undone');
  });

  it('keep one open request per user and license while the holder is asked or has released it', async () => {
    const asking = await requests.create(
      {
        userId: 'u1',
        userPrincipalName: 'u1@contoso.com',
        skuId: 'sku-1',
        reason: 'inactive',
        evidence: {},
        requestedBy: 'admin',
        approverId: 'manager',
        dryRun: false,
        expiresAt: at(7).toISOString(),
        state: 'asking',
        holderAnswer: 'asking',
      },
      created,
    );
    await assert.rejects(
      create(),
      (error: unknown) => isUniqueViolation(error),
      'a second request while the holder is asked',
    );
    await requests.noteAsking(asking.id, { askUntil: at(7).toISOString() }, created);
    const released = await requests.transition(
      asking.id,
      {
        from: ['asking'],
        to: 'released',
        version: 1,
        actor: 'u1',
        action: 'holder.release',
        deadline: { column: 'askUntil', at: at(1).toISOString(), is: 'open' },
      },
      at(1),
    );
    assert.equal(released?.state, 'released');
    await assert.rejects(
      create(),
      (error: unknown) => isUniqueViolation(error),
      'nor once released, on its way to execution',
    );
  });

  it("refuse a holder's answer past askUntil, and one before their card was sent (no askUntil yet)", async () => {
    const asking = await requests.create(
      {
        userId: 'u1',
        userPrincipalName: 'u1@contoso.com',
        skuId: 'sku-1',
        reason: 'inactive',
        evidence: {},
        requestedBy: 'admin',
        approverId: 'manager',
        dryRun: false,
        expiresAt: at(7).toISOString(),
        state: 'asking',
      },
      created,
    );
    const release = (now: Date) =>
      requests.transition(
        asking.id,
        {
          from: ['asking'],
          to: 'released',
          version: 1,
          actor: 'u1',
          action: 'holder.release',
          deadline: { column: 'askUntil', at: now.toISOString(), is: 'open' },
        },
        now,
      );
    assert.equal(await release(at(1)), null, 'no deadline set: the card was never sent');
    await requests.noteAsking(asking.id, { askUntil: at(7).toISOString() }, created);
    assert.equal(
      (await requests.get(asking.id))?.version,
      1,
      'setting the deadline keeps the version the card carries',
    );
    assert.equal(await release(at(7)), null, 'at the deadline instant');
    assert.equal((await release(at(6)))?.state, 'released');
  });
});
