import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { dropReportDigests, reportDigests, saveReportDigests, valuesDigest } from '../../src/store';
import { openTestStore } from '../insights/fixtures';

/** Runs on SQLite, and on PostgreSQL under `npm run test:pg`. */
describe('report row digests', () => {
  let store: DataSource;
  let close: () => Promise<void>;
  before(async () => ({ store, close } = await openTestStore()));
  after(() => close());

  it('differ when a value or the order of the values differs, and tell a missing value from an empty one', () => {
    const digest = valuesDigest(['2026-11-30', '', '2026-12-01']);
    assert.equal(valuesDigest(['2026-11-30', '', '2026-12-01']), digest);
    assert.match(digest, /^[A-Za-z0-9+/]{16}$/);
    assert.notEqual(valuesDigest(['2026-11-30', '', '2026-12-02']), digest);
    assert.notEqual(valuesDigest(['2026-12-01', '', '2026-11-30']), digest);
    assert.notEqual(valuesDigest(['2026-11-30', undefined, '2026-12-01']), digest);
    assert.notEqual(valuesDigest(['2026-11-30,', '2026-12-01']), valuesDigest(['2026-11-30', ',2026-12-01']));
  });

  it("are kept per report and user: set again, and dropped, each user's alone", async () => {
    const a = '00000000-0000-0000-0000-00000000000a';
    const b = '00000000-0000-0000-0000-00000000000b';
    const written = await store.transaction((m) =>
      saveReportDigests(
        m,
        'activeUsers',
        new Map([
          [a, 'digest-a'],
          [b, 'digest-b'],
        ]),
      ),
    );
    assert.equal(written, 2);
    await store.transaction((m) => saveReportDigests(m, 'emailActivity', new Map([[a, 'mail-a']])));
    await store.transaction((m) => saveReportDigests(m, 'activeUsers', new Map([[b, 'digest-b2']])));
    const read = async (report: string) => [...(await reportDigests(store.manager, report))].sort();
    assert.deepEqual(await read('activeUsers'), [
      [a, 'digest-a'],
      [b, 'digest-b2'],
    ]);
    assert.equal(await store.transaction((m) => dropReportDigests(m, 'activeUsers', [a])), 1);
    assert.deepEqual(await read('activeUsers'), [[b, 'digest-b2']]);
    assert.deepEqual(await read('emailActivity'), [[a, 'mail-a']]);
  });
});
