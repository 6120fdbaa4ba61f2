import assert from 'node:assert/strict';
import { reportRowDigest, userDigest } from '../../src/store/report-snapshots';

describe('report snapshot digests', () => {
  const keep = ['Product Type', 'Last Activated Date', 'Windows'];

  it('differ when a kept value, the order of the columns or the UPN differs, not for a column not kept', () => {
    const row = { 'Product Type': 'VISIO', 'Last Activated Date': '2026-11-02' };
    const digest = reportRowDigest('a@contoso.com', keep, row);
    assert.equal(reportRowDigest('a@contoso.com', keep, { ...row }), digest);
    assert.notEqual(reportRowDigest('a@contoso.com', keep, { ...row, Windows: '1' }), digest);
    assert.notEqual(reportRowDigest('b@contoso.com', keep, row), digest);
    assert.notEqual(reportRowDigest('a@contoso.com', [...keep].reverse(), row), digest);
    assert.equal(reportRowDigest('a@contoso.com', keep, { ...row, 'Not Kept': 'y' }), digest);
  });

  it('tell a column the row lacks from an empty one, and values that would join the same', () => {
    const row = { 'Product Type': 'VISIO', 'Last Activated Date': '2026-11-02' };
    assert.notEqual(
      reportRowDigest('a@contoso.com', keep, { ...row, Windows: '' }),
      reportRowDigest('a@contoso.com', keep, row),
    );
    assert.notEqual(
      reportRowDigest('a@contoso.com', keep, { 'Product Type': 'A,', 'Last Activated Date': 'B' }),
      reportRowDigest('a@contoso.com', keep, { 'Product Type': 'A', 'Last Activated Date': ',B' }),
    );
    assert.notEqual(
      reportRowDigest('a@contoso.com', keep, { 'Product Type': 'quote " backslash \\ 🙂' }),
      reportRowDigest('a@contoso.com', keep, { 'Product Type': 'quote \\" backslash \\ 🙂' }),
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
