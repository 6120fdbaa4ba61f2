import assert from 'node:assert/strict';
import { CsvRecords } from '../../src/graph/csv-records';

/** Every record of `text` fed in the given chunks. */
function parse(chunks: readonly string[]): string[][] {
  const csv = new CsvRecords();
  return [...chunks.flatMap((c) => csv.push(c)), ...csv.end()];
}

describe('graph: report CSV records', () => {
  const text =
    '\uFEFFReport Refresh Date,User Principal Name,Display Name\r\n' +
    '2026-11-30,ann@contoso.com,"Ann, ""the"" admin"\r\n' +
    '\r\n' +
    '2026-11-30, bob@contoso.com ,"two\r\nlines"\n' +
    '2026-11-30,,\r\n' +
    '2026-11-30,"x@contoso.com","last, without a line break"';
  const expected = [
    ['Report Refresh Date', 'User Principal Name', 'Display Name'],
    ['2026-11-30', 'ann@contoso.com', 'Ann, "the" admin'],
    ['2026-11-30', 'bob@contoso.com', 'two\r\nlines'],
    ['2026-11-30', '', ''],
    ['2026-11-30', 'x@contoso.com', 'last, without a line break'],
  ];

  it('reads quoted fields (commas, doubled quotes, line breaks), CRLF and LF, skips empty lines and the BOM, trims', () => {
    assert.deepEqual(parse([text]), expected);
  });

  it('gives the same records wherever the text is cut into chunks', () => {
    for (let cut = 1; cut < text.length; cut++)
      assert.deepEqual(parse([text.slice(0, cut), text.slice(cut)]), expected, `cut at ${cut}`);
    assert.deepEqual(parse([...text]), expected, 'one character at a time');
  });

  it('copies out only the selected fields after select(), wherever the text is cut', () => {
    const selected = expected.map((r, i) => (i === 0 ? r : [r[0]!, '', r[2]!]));
    const skipped = expected.map((r, i) => (i === 0 ? r : [r[0]!, r[1]!, '']));
    for (const [keep, want] of [
      [[true, false, true], selected],
      [[true, true], skipped],
    ] as const) {
      for (let cut = 1; cut < text.length; cut++) {
        const csv = new CsvRecords();
        // The header is read whole; the selection applies from the next chunk on, as the report reader does.
        const header = csv.push(`${text.slice(0, text.indexOf('\n') + 1)}`);
        csv.select(keep);
        const rest = text.slice(text.indexOf('\n') + 1);
        const got = [...header, ...csv.push(rest.slice(0, cut)), ...csv.push(rest.slice(cut)), ...csv.end()];
        assert.deepEqual(got, want, `keep ${keep.join()} cut at ${cut}`);
      }
    }
  });

  it('hands over only complete records before the end', () => {
    const csv = new CsvRecords();
    assert.deepEqual(csv.push('a,b\r\nc,"d'), [['a', 'b']]);
    assert.deepEqual(csv.push('""",e'), []);
    assert.deepEqual(csv.push('\r\n'), [['c', 'd"', 'e']]);
    assert.deepEqual(csv.end(), []);
  });
});
