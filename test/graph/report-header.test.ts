import assert from 'node:assert/strict';
import { CsvRecords, CsvTexts } from '../../src/graph/csv-records';
import { ReportHeader } from '../../src/graph/report-header';

/** `records` written as CSV, each field quoted when it must be, or when `quoteAll`. */
function csv(records: readonly (readonly string[])[], quoteAll = false): string {
  const field = (f: string) => (quoteAll || /[,"\r\n]|^ | $/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return records.map((r) => r.map(field).join(',') + '\r\n').join('');
}

/** Each record's text, as the report reader gets it. */
function texts(text: string): string[] {
  const reader = new CsvTexts();
  return [...reader.push(text), ...reader.end()];
}

describe('graph: report header', () => {
  const columns = ['User Principal Name', 'Report Refresh Date', 'Display Name', 'Storage Used (Byte)'];

  it('reads one field of a record, plain or quoted, trimmed, and nothing past its last field', () => {
    const header = new ReportHeader(columns);
    const [plain, quoted] = texts(
      'ann@contoso.com,2026-11-30, Ann ,12\r\n"bob@contoso.com",2026-11-30,"Bob, ""B""",7\r\n',
    );
    assert.equal(header.field(plain!, 0), 'ann@contoso.com');
    assert.equal(header.field(plain!, 2), 'Ann');
    assert.equal(header.field(plain!, 3), '12');
    assert.equal(header.field(plain!, 4), '');
    assert.equal(header.field(plain!, header.indexOf('No Such Column')), '');
    assert.equal(header.field(quoted!, 0), 'bob@contoso.com');
    assert.equal(header.field(quoted!, 2), 'Bob, "B"');
    assert.equal(header.field(quoted!, 3), '7');
  });

  it('gives a row of the columns wanted that the record has', () => {
    const header = new ReportHeader(columns, ['User Principal Name', 'Storage Used (Byte)', 'No Such Column']);
    const [full, short] = texts('"a@contoso.com",2026-11-30,"A, B",12\r\nb@contoso.com,2026-11-30\r\n');
    assert.deepEqual(header.row(full!), { 'User Principal Name': 'a@contoso.com', 'Storage Used (Byte)': '12' });
    assert.deepEqual(header.row(short!), { 'User Principal Name': 'b@contoso.com' });
    assert.deepEqual(new ReportHeader(columns).row(full!), {
      'User Principal Name': 'a@contoso.com',
      'Report Refresh Date': '2026-11-30',
      'Display Name': 'A, B',
      'Storage Used (Byte)': '12',
    });
  });

  it('gives the same steady text for records that differ only in their day, and different ones for any other difference', () => {
    // Random records of random fields (commas, quotes, line breaks and blanks among them), the day
    // in the first, a middle or the last column, written plain where they can be or quoted throughout.
    let seed = 11;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const alphabet = 'ab7-,"\r\n';
    const value = () =>
      Array.from({ length: random(4) }, () => alphabet[random(random(3) ? 4 : alphabet.length)]).join('');
    for (let round = 0; round < 300; round++) {
      const width = 2 + random(3);
      const names = Array.from({ length: width }, (_, i) => `c${i}`);
      const dayAt = [0, random(width), width - 1][random(3)]!;
      names[dayAt] = 'Report Refresh Date';
      const header = new ReportHeader(names);
      // The day is a date or nothing, as the service writes it.
      const day = () => (random(4) ? `2026-12-0${random(9) + 1}` : '');
      const records = Array.from({ length: 6 }, () =>
        Array.from({ length: width - random(2) }, (_, i) => (i === dayAt ? day() : value())),
      ).filter((r) => r.some((f, i) => i !== dayAt && f !== ''));
      // Each record again with another day.
      const days = records.map((r) => r.map((f, i) => (i === dayAt ? day() : f)));
      const steady = (rows: string[][], quoteAll: boolean) => texts(csv(rows, quoteAll)).map((t) => header.steady(t));
      const withoutDay = (r: readonly string[]) => JSON.stringify(r.map((f, k) => (k === dayAt ? '' : f)));
      for (const quoteAll of [false, true]) {
        const a = steady(records, quoteAll);
        assert.deepEqual(steady(days, quoteAll), a, `round ${round}: a new day alone`);
        for (let i = 0; i < records.length; i++)
          for (let j = 0; j < records.length; j++)
            assert.equal(
              a[i] === a[j],
              withoutDay(records[i]!) === withoutDay(records[j]!),
              `round ${round}: ${JSON.stringify([records[i], records[j]])}`,
            );
      }
    }
  });

  it('reads the same fields from a record text as from the record', () => {
    const text = csv([
      ['a@contoso.com', '2026-11-30', 'x, "y"\r\nz', ''],
      ['b', '', '', '9'],
    ]);
    const records = new CsvRecords();
    const expected = [...records.push(text), ...records.end()];
    const header = new ReportHeader(columns);
    assert.deepEqual(
      texts(text).map((t) => columns.map((_, i) => header.field(t, i))),
      expected,
    );
  });
});
