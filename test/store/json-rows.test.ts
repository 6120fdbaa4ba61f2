import assert from 'node:assert/strict';
import { jsonBatches } from '../../src/store/json-rows';

describe('values as JSON batches', () => {
  const parsed = (batches: string[]) => batches.flatMap((b) => JSON.parse(b) as unknown[]);

  it('keeps every value, in order, as JSON writes it', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => [i, `user-${i}`, i % 3 ? 'teams' : null, undefined]);
    const batches = jsonBatches(values);
    assert.ok(batches.length > 1, 'several batches');
    assert.deepEqual(parsed(batches), JSON.parse(JSON.stringify(values)));
    assert.deepEqual(jsonBatches([]), []);
    assert.deepEqual(jsonBatches(['a"b']), ['["a\\"b"]']);
  });

  it('stays near 64,000 characters a batch when the values grow, and never cuts a value', () => {
    // Short values first, then values forty times as long: a batch sized by the short ones would be far too long.
    const values = [
      ...Array.from({ length: 3_000 }, (_, i) => ['s', i]),
      ...Array.from({ length: 3_000 }, (_, i) => ['l'.repeat(400), i]),
      ['x'.repeat(200_000)],
    ];
    const batches = jsonBatches(values);
    assert.deepEqual(parsed(batches), values);
    for (const batch of batches.slice(0, -1))
      assert.ok(batch.length <= 96_000, `a batch of ${batch.length} characters`);
    // A single value longer than a batch is a batch of its own.
    assert.equal(batches.at(-1), JSON.stringify([values.at(-1)]));
  });
});
