import assert from 'node:assert/strict';
import type { GraphClient } from '../../src/graph';
import { reportRows } from '../../src/graph/reports';

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
});
