import assert from 'node:assert/strict';
import { reportRowDigest, userDigest } from '../../src/store/report-snapshots';

describe('report snapshot digests', () => {
  it('are equal for equal texts and differ for texts that differ anywhere, quotes and all', () => {
    const text = ',a@contoso.com,VISIO,2026-11-02';
    const digest = reportRowDigest(text);
    assert.equal(digest.length, 16);
    assert.equal(reportRowDigest(`${text}`), digest);
    for (const other of [
      ',a@contoso.com,VISIO,2026-11-03',
      ',b@contoso.com,VISIO,2026-11-02',
      `${text},`,
      text.slice(1),
    ])
      assert.notEqual(reportRowDigest(other), digest, other);
    assert.notEqual(
      reportRowDigest('["quote \\" backslash \\\\ 🙂"]'),
      reportRowDigest('["quote \\\\" backslash \\\\ 🙂"]'),
    );
  });

  it("make a user's rows one value whatever their order, without reordering the list given", () => {
    const digests = ['b', 'a', 'c'];
    assert.equal(userDigest(digests), 'a,b,c');
    assert.equal(userDigest(['c', 'a', 'b']), 'a,b,c');
    assert.deepEqual(digests, ['b', 'a', 'c']);
    assert.equal(userDigest(['x']), 'x');
  });
});
