import assert from 'node:assert/strict';
import type { GraphClient } from '../../src/graph';
import { reportDate, reportLines, reportRows } from '../../src/graph/reports';

/**
 * A GraphClient that answers the report's download with these bytes, in these chunks: the transport
 * is not what is tested here, the text made of the chunks is.
 */
function answering(chunks: Uint8Array[]): GraphClient {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return {
    raw: async () => new Response(body),
    stats: { parsing: <T>(work: () => T) => work() },
  } as unknown as GraphClient;
}

describe('usage report rows', () => {
  it('decodes characters whose bytes a chunk boundary splits, and drops the BOM', async () => {
    const csv = Buffer.from(
      '\uFEFFUser Principal Name,Display Name,Last Activity Date\r\n' +
        'zoe@contoso.com,Zoë Ångström 🙂,2026-12-01\r\n' +
        'li@contoso.com,李 雷,\r\n',
    );
    // One byte a chunk: every multi-byte character (and the BOM) is split.
    const chunks = [...csv].map((byte) => Uint8Array.of(byte));
    const rows = [];
    for await (const batch of reportRows(answering(chunks), '/report', {}, ['User Principal Name', 'Display Name']))
      rows.push(...batch);
    assert.deepEqual(rows, [
      { 'User Principal Name': 'zoe@contoso.com', 'Display Name': 'Zoë Ångström 🙂' },
      { 'User Principal Name': 'li@contoso.com', 'Display Name': '李 雷' },
    ]);
  });

  it('gives the same rows as record texts, the header read once, wherever the bytes are cut', async () => {
    const csv = Buffer.from(
      '\uFEFFReport Refresh Date,User Principal Name,Display Name\r\n' +
        '2026-12-01,zoe@contoso.com,"Zoë, Ångström 🙂"\r\n' +
        '2026-12-01,li@contoso.com,李 雷\r\n',
    );
    for (const size of [1, 7, csv.length]) {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < csv.length; at += size) chunks.push(csv.subarray(at, at + size));
      const rows = [];
      for await (const { header, lines } of reportLines(answering(chunks), '/report', {}, [
        'User Principal Name',
        'Display Name',
      ])) {
        assert.deepEqual(header.columns, ['Report Refresh Date', 'User Principal Name', 'Display Name']);
        rows.push(...lines.map((line) => header.row(line)));
      }
      assert.deepEqual(
        rows,
        [
          { 'User Principal Name': 'zoe@contoso.com', 'Display Name': 'Zoë, Ångström 🙂' },
          { 'User Principal Name': 'li@contoso.com', 'Display Name': '李 雷' },
        ],
        `chunks of ${size} bytes`,
      );
    }
  });
});

describe('report dates', () => {
  it('takes the day of a date or an instant, and nothing else', () => {
    assert.equal(reportDate('2026-12-01'), '2026-12-01');
    assert.equal(reportDate(' 2026-12-01 '), '2026-12-01');
    assert.equal(reportDate('2026-12-01T00:00:00Z'), '2026-12-01');
    for (const value of ['', null, undefined, '2026-12-1', '2026/12/01', 'yesterday', '12-01-2026', '2026-12-0x'])
      assert.equal(reportDate(value), null, String(value));
  });
});
