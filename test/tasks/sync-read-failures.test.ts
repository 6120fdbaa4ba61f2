import assert from 'node:assert/strict';
import { GROUPS } from '../../src/simulator';
import { DirectoryGroup, GroupMember, Setting, UserLicense } from '../../src/store';
import { rosterTask } from '../../src/tasks/roster';
import { startSyncBed, type SyncBed } from '../helpers/sync';

/**
 * Reads that still fail after every retry make the roster partial, naming what was not read; what the
 * store knew before stays. Only Graph saying "not found" would make a group gone.
 */
describe('roster: group reads that fail', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  afterEach(() => bed.stop());

  const licensingGroups = async () =>
    [
      ...new Set(
        (await bed.dataSource.getRepository(UserLicense).find()).map((l) => l.assignedByGroup).filter(Boolean),
      ),
    ].sort();
  const storedNames = async () =>
    new Map((await bed.dataSource.getRepository(DirectoryGroup).find()).map((g) => [g.id, g.displayName]));
  const nameOf = (id: string) => GROUPS.find((g) => g.id === id)?.displayName;

  it('with 30 % 503/504 in $batch sub-responses names every licensing group, as a clean run does', async () => {
    bed = await startSyncBed({ users: 300, timeScale: 0.001 });
    bed.sim.control.setFaults({ batchServerErrorRate: 0.3 });
    const run = await bed.run(rosterTask);
    assert.equal(run.status, 'succeeded', run.error ?? JSON.stringify(run.skipped));
    const ids = await licensingGroups();
    assert.ok(ids.length >= 3, 'the tenant assigns licenses through groups');
    assert.equal(run.counts.groups, ids.length);
    const names = await storedNames();
    assert.deepEqual([...names.keys()].sort(), ids);
    for (const id of ids) assert.equal(names.get(id), nameOf(id), id);
    assert.ok(
      bed.sim.control.calls().some((c) => c.batchRequestId && c.status >= 500),
      'sub-requests did fail',
    );
  });

  it('a group Graph answers 503 for every time: partial, naming it; its stored name is kept, the others are read', async () => {
    bed = await startSyncBed({ users: 300, timeScale: 0.001 });
    await bed.run(rosterTask);
    const [broken, ...others] = await licensingGroups();
    assert.ok(broken && others.length);
    const before = await bed.dataSource.getRepository(DirectoryGroup).findOneByOrFail({ id: broken });
    bed.sim.control.setFaults({ pathFaults: [{ path: `/v1.0/groups/${broken}`, status: 503 }] });
    const run = await bed.run(rosterTask, 'full');
    assert.equal(run.status, 'partial', run.error ?? '');
    const skipped = run.skipped.find((s) => s.part === 'license group names');
    assert.ok(skipped, JSON.stringify(run.skipped));
    assert.ok(skipped.reason.includes(broken) && skipped.reason.includes(before.displayName), skipped.reason);
    assert.match(skipped.reason, /HTTP 503/);
    assert.deepEqual(await bed.dataSource.getRepository(DirectoryGroup).findOneByOrFail({ id: broken }), before);
    assert.equal(run.counts.groups, others.length);
  });

  it('an excluded group whose members cannot be read: partial, naming it; its stored members are kept', async () => {
    bed = await startSyncBed({ users: 300, timeScale: 0.001 });
    const excluded = GROUPS.find((g) => g.displayName === 'License Steward - Excluded')!;
    await bed.dataSource.getRepository(Setting).save({
      key: 'policy.excludedGroups',
      value: [excluded.displayName],
      updatedAt: new Date().toISOString(),
      updatedBy: 'test',
    });
    assert.equal((await bed.run(rosterTask)).status, 'succeeded');
    const members = async () =>
      (await bed.dataSource.getRepository(GroupMember).findBy({ groupId: excluded.id })).map((m) => m.userId).sort();
    const stored = await members();
    assert.ok(stored.length > 0);
    bed.sim.control.setFaults({
      pathFaults: [{ path: `/v1.0/groups/${excluded.id}/transitiveMembers/microsoft.graph.user`, status: 504 }],
    });
    const run = await bed.run(rosterTask);
    assert.equal(run.status, 'partial', run.error ?? '');
    const skipped = run.skipped.find((s) => s.part.includes('excluded group') && s.part.includes(excluded.displayName));
    assert.ok(skipped, JSON.stringify(run.skipped));
    assert.match(skipped.reason, /HTTP 504/);
    assert.deepEqual(await members(), stored);
  });

  it('an excluded group whose answer has the wrong shape: partial, naming it and the endpoint, never a failed run', async () => {
    bed = await startSyncBed({ users: 300, timeScale: 0.001 });
    const excluded = GROUPS.find((g) => g.displayName === 'License Steward - Excluded')!;
    await bed.dataSource.getRepository(Setting).save({
      key: 'policy.excludedGroups',
      value: [excluded.id],
      updatedAt: new Date().toISOString(),
      updatedBy: 'test',
    });
    bed.sim.control.setFaults({ malformedPaths: [`/v1.0/groups/${excluded.id}`] });
    const run = await bed.run(rosterTask);
    assert.equal(run.status, 'partial', run.error ?? '');
    const skipped = run.skipped.find((s) => s.part.includes('excluded group') && s.part.includes(excluded.id));
    assert.ok(skipped, JSON.stringify(run.skipped));
    assert.match(skipped.reason, /Graph answered GET \/v1\.0\/groups\/\{id\} with an unexpected shape/);
  });
});
