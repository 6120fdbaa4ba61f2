import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { IdSet } from '../../src/tasks/id-set';

describe('tasks: the set of user ids a full listing returned', () => {
  it('holds every id added, whatever its case, and none other, as it grows', () => {
    const ids = Array.from({ length: 20_000 }, () => randomUUID());
    const set = new IdSet();
    for (const id of ids) set.add(id);
    for (const id of ids.slice(0, 100)) set.add(id.toUpperCase());
    assert.equal(set.size, ids.length);
    assert.ok(ids.every((id) => set.has(id) && set.has(id.toUpperCase())));
    assert.ok(Array.from({ length: 20_000 }, () => randomUUID()).every((id) => !set.has(id)));
    set.add('not-a-guid');
    assert.ok(set.has('not-a-guid') && !set.has('not-a-guie'));
    // Undashed, or of a GUID's length without its dashes in place: still told apart from each other.
    const bare = ids[0]!.replace(/-/g, '');
    set.add(bare);
    assert.ok(set.has(bare.toUpperCase()));
    const shifted = `${bare}abcd`;
    assert.ok(!set.has(shifted));
    set.add(shifted);
    assert.ok(set.has(shifted) && !set.has(`${bare}abce`));
  });
});
