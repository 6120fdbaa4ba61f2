import assert from 'node:assert/strict';
import { CsvRecords, CsvTexts, fieldsOf } from '../../src/graph/csv-records';

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

  it('reads any mix of plain and quoted records as they were written, cut anywhere', () => {
    // Plain lines take a path of their own (cut at commas by the engine): both must agree.
    let seed = 7;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const alphabet = 'ab7 ,"\r\n';
    for (let round = 0; round < 200; round++) {
      const records = Array.from({ length: 1 + random(6) }, () =>
        Array.from({ length: 2 + random(3) }, () =>
          Array.from({ length: random(5) }, () => alphabet[random(random(2) ? 3 : alphabet.length)]).join(''),
        ),
      );
      const field = (f: string) => (/[,"\r\n]|^ | $/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
      const text = records.map((r) => r.map(field).join(',') + (random(2) ? '\r\n' : '\n')).join('');
      const cuts = [random(text.length + 1), random(text.length + 1)].sort((x, y) => x - y);
      const chunks = [text.slice(0, cuts[0]), text.slice(cuts[0], cuts[1]), text.slice(cuts[1])];
      assert.deepEqual(parse(chunks), records, JSON.stringify(chunks));
      // The same records as their texts, each cut into the same fields.
      const reader = new CsvTexts();
      const texts = [...chunks.flatMap((c) => reader.push(c)), ...reader.end()];
      assert.deepEqual(
        texts.map((t) => fieldsOf(t)),
        records,
        JSON.stringify(chunks),
      );
      assert.ok(texts.every((t) => !/^[\r\n]|[\r\n]$/.test(t) || t.includes('"')));
    }
  });

  it('gives each record as its text without the line break, the BOM dropped, wherever the text is cut', () => {
    const texts = [
      'Report Refresh Date,User Principal Name,Display Name',
      '2026-11-30,ann@contoso.com,"Ann, ""the"" admin"',
      '2026-11-30, bob@contoso.com ,"two\r\nlines"',
      '2026-11-30,,',
      '2026-11-30,"x@contoso.com","last, without a line break"',
    ];
    for (let cut = 1; cut < text.length; cut++) {
      const reader = new CsvTexts();
      assert.deepEqual([...reader.push(text.slice(0, cut)), ...reader.push(text.slice(cut)), ...reader.end()], texts);
    }
    assert.deepEqual(
      texts.map((t) => fieldsOf(t)),
      expected,
    );
    assert.deepEqual(fieldsOf(texts[1]!, [false, true, true], 3), ['', 'ann@contoso.com', 'Ann, "the" admin']);
  });

  it('hands over only complete records before the end', () => {
    const csv = new CsvRecords();
    assert.deepEqual(csv.push('a,b\r\nc,"d'), [['a', 'b']]);
    assert.deepEqual(csv.push('""",e'), []);
    assert.deepEqual(csv.push('\r\n'), [['c', 'd"', 'e']]);
    assert.deepEqual(csv.end(), []);
  });
});
