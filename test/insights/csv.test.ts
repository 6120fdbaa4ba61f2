import assert from 'node:assert/strict';
import { csvField, csvLine } from '../../src/insights/csv';

describe('insights: CSV export', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    assert.equal(
      csvLine(['a,b', 'say "hi"', 'two\nlines', 3, null, true]),
      '"a,b","say ""hi""","two\nlines",3,,true\r\n',
    );
  });

  it('defuses spreadsheet formulas in text, not in numbers', () => {
    assert.equal(csvField('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField(-3), '-3');
  });
});
