import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { DataSource } from 'typeorm';
import { ExportLinks, EXPORT_PATH, LINK_TTL_MS } from '../../src/bot/export-links';
import { createLogger } from '../../src/logging/logger';
import { registerExportRoute } from '../../src/server/export-route';
import { ExportSigningKeys, openStore } from '../../src/store';
import { testDatabase, type TestDatabase } from '../helpers/test-database';

describe('signed CSV export route', () => {
  let server: restify.Server;
  let base: string;
  let now = new Date('2025-11-24T09:00:00Z');
  let database: TestDatabase;
  let store: DataSource;
  let keys: ExportSigningKeys;
  let links: ExportLinks;

  before(async () => {
    database = await testDatabase();
    store = await openStore(database.config);
    keys = new ExportSigningKeys(store);
    links = new ExportLinks({ now: () => now, ttlMs: 15 * 60_000, keys });
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
  after(async () => {
    server.close();
    await store.destroy();
    await database.cleanup();
  });
  beforeEach(() => {
    now = new Date('2025-11-24T09:00:00Z');
  });

  it('serves a fresh link as a CSV download', async () => {
    const res = await fetch(await links.link(base, { list: 'never' }, 'adele'));
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'User Principal Name,Finding\r\na@contoso.com,never\r\n');
  });

  it('answers 410 with what to do once the link has expired', async () => {
    const url = await links.link(base, { list: 'never' }, 'adele');
    now = new Date(now.getTime() + 16 * 60_000);
    const res = await fetch(url);
    assert.equal(res.status, 410);
    assert.match(await res.text(), /expired.*Export CSV/);
  });

  it("answers 403 to a link signed with another database's key, with an unknown key id, or with its list changed", async () => {
    const elsewhere = await testDatabase();
    const other = await openStore(elsewhere.config);
    try {
      const foreign = await new ExportLinks({ now: () => now, keys: new ExportSigningKeys(other) }).link(
        base,
        { list: 'never' },
        'adele',
      );
      assert.match(foreign, /kid=1&/, 'the same key id, another key');
      assert.equal((await fetch(foreign)).status, 403);
    } finally {
      await other.destroy();
      await elsewhere.cleanup();
    }
    const url = await links.link(base, { list: 'never' }, 'adele');
    assert.equal((await fetch(url.replace(/kid=\d+/, 'kid=999'))).status, 403);
    assert.equal((await fetch(url.replace('list=never', 'list=inactive'))).status, 403);
    assert.equal(
      (await fetch((await links.link(base, { list: 'inactive', days: 60 }, 'adele')).replace('days=60', 'days=1')))
        .status,
      403,
    );
    assert.equal((await fetch(`${base}${EXPORT_PATH}`)).status, 403);
  });

  it('keeps serving links of a rotated key until they expire, and none once it is retired', async () => {
    const before = await links.link(base, { list: 'never' }, 'adele');
    const rotated = await keys.rotate(now, LINK_TTL_MS, 'test');
    const after = await links.link(base, { list: 'never' }, 'adele');
    assert.notEqual(new URL(after).searchParams.get('kid'), new URL(before).searchParams.get('kid'));
    assert.equal(new URL(after).searchParams.get('kid'), String(rotated.id), 'the new key signs');
    assert.equal((await fetch(before)).status, 200, 'within the link lifetime');
    now = new Date(now.getTime() + LINK_TTL_MS);
    const res = await fetch(before);
    assert.equal(res.status, 403);
    assert.match(await res.text(), /retired.*Export CSV/);
    assert.equal((await fetch(after)).status, 200);
  });

  it('cuts the download short when the export fails midway, so it is never taken for complete', async () => {
    await assert.rejects(async () => {
      const res = await fetch(await links.link(base, { list: 'blocked' }, 'adele'));
      await res.text();
    });
  });
});
