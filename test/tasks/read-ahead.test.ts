import assert from 'node:assert/strict';
import { readAhead } from '../../src/tasks/read-ahead';

/** A source that notes when it is asked for its first item and when it is let go. */
function source(items: number[], fail?: Error) {
  const log: string[] = [];
  async function* read() {
    try {
      log.push('started');
      if (fail) throw fail;
      for (const item of items) yield item;
    } finally {
      log.push('closed');
    }
  }
  return { log, read: read() };
}

describe('reading ahead', () => {
  it('asks for the first item at once, then hands every item over in order', async () => {
    const { log, read } = source([1, 2, 3]);
    const ahead = readAhead(read);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(log, ['started'], 'asked before the consumer iterates');
    assert.equal(await ahead.meanwhile(Promise.resolve('ready')), 'ready');
    const got: number[] = [];
    for await (const item of ahead) got.push(item);
    assert.deepEqual(got, [1, 2, 3]);
    assert.deepEqual(log, ['started', 'closed']);
  });

  it('lets the read go when what it does meanwhile fails, and passes that failure on', async () => {
    const { log, read } = source([1, 2, 3]);
    const ahead = readAhead(read);
    await assert.rejects(ahead.meanwhile(Promise.reject(new Error('store down'))), /store down/);
    assert.deepEqual(log, ['started', 'closed']);
  });

  it("throws the read's own failure where the consumer iterates", async () => {
    const { read } = source([], new Error('download refused'));
    const ahead = readAhead(read);
    await new Promise((resolve) => setImmediate(resolve));
    await assert.rejects(async () => {
      for await (const _ of ahead) assert.fail('no item');
    }, /download refused/);
  });

  it('lets the read go when the consumer stops early', async () => {
    const { log, read } = source([1, 2, 3]);
    const ahead = readAhead(read);
    for await (const item of ahead) if (item === 1) break;
    assert.deepEqual(log, ['started', 'closed']);
  });
});
