import assert from 'node:assert/strict';
import { reportRowDigest, snapshotDigest } from '../../src/store/report-snapshots';

describe('report snapshot digests', () => {
  const keep = ['Product Type', 'Last Activated Date', 'Windows'];

  it('tells from a report row the digest its stored snapshot has', () => {
    const rows: Record<string, string>[] = [
      { 'Product Type': 'MICROSOFT 365 APPS FOR ENTERPRISE', 'Last Activated Date': '2026-11-02', Windows: '3' },
      // Columns a report lacks are left out of the snapshot; those not kept are never in it.
      { 'Last Activated Date': '', 'Not Kept': 'x' },
      { 'Product Type': 'quote " backslash \\ tab \t line\nbreak \u0001 é 🙂', Windows: '' },
      {},
    ];
    for (const row of rows) {
      const data = Object.fromEntries(keep.filter((k) => row[k] !== undefined).map((k) => [k, row[k]!]));
      assert.equal(
        reportRowDigest('Adele.Vance@contoso.com', keep, row),
        snapshotDigest({ userId: 'u', userPrincipalName: 'Adele.Vance@contoso.com', data }),
        JSON.stringify(row),
      );
    }
  });

  it('differs when a kept value, the order of the values or the UPN differs', () => {
    const row = { 'Product Type': 'VISIO', 'Last Activated Date': '2026-11-02' };
    const digest = reportRowDigest('a@contoso.com', keep, row);
    assert.notEqual(reportRowDigest('a@contoso.com', keep, { ...row, Windows: '1' }), digest);
    assert.notEqual(reportRowDigest('b@contoso.com', keep, row), digest);
    assert.notEqual(reportRowDigest('a@contoso.com', [...keep].reverse(), row), digest);
    assert.equal(reportRowDigest('a@contoso.com', keep, { ...row, 'Not Kept': 'y' }), digest);
  });
});
