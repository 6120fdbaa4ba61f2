import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import { ExportLinks, EXPORT_PATH } from '../../src/bot/export-links';
import { createLogger } from '../../src/logging/logger';
import { registerExportRoute } from '../../src/server/export-route';

describe('signed CSV export route', () => {
  let server: restify.Server;
  let base: string;
  let now = new Date('2025-11-24T09:00:00Z');
  const links = new ExportLinks({ now: () => now, ttlMs: 15 * 60_000 });

  before(async () => {
    server = restify.createServer();
    registerExportRoute(server, {
      links,
      log: createLogger({ level: 'silent', secrets: [] }),
      async *csv(request) {
        yield 'User Principal Name,Finding\r\n';
        if (request.list === 'blocked') throw new Error('database gone');
        yield `a@contoso.com,${request.list}\r\n`;
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());
  beforeEach(() => {
    now = new Date('2025-11-24T09:00:00Z');
  });

  it('serves a fresh link as a CSV download', async () => {
    const res = await fetch(links.link(base, { list: 'never' }, 'adele'));
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'User Principal Name,Finding\r\na@contoso.com,never\r\n');
  });

  it('answers 410 with what to do once the link has expired', async () => {
    const url = links.link(base, { list: 'never' }, 'adele');
    now = new Date(now.getTime() + 16 * 60_000);
    const res = await fetch(url);
    assert.equal(res.status, 410);
    assert.match(await res.text(), /expired.*Export CSV/);
  });

  it('answers 403 to a link signed by another process, or with its list changed', async () => {
    const other = new ExportLinks({ now: () => now });
    assert.equal((await fetch(other.link(base, { list: 'never' }, 'adele'))).status, 403);
    assert.equal((await fetch(links.link(base, { list: 'never' }, 'adele').replace('list=never', 'list=inactive'))).status, 403);
    assert.equal((await fetch(links.link(base, { list: 'inactive', days: 60 }, 'adele').replace('days=60', 'days=1'))).status, 403);
    assert.equal((await fetch(`${base}${EXPORT_PATH}`)).status, 403);
  });

  it('cuts the download short when the export fails midway, so it is never taken for complete', async () => {
    await assert.rejects(async () => {
      const res = await fetch(links.link(base, { list: 'blocked' }, 'adele'));
      await res.text();
    });
  });
});
