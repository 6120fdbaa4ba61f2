import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exportKeysCommand } from '../../src/cli/export-keys';
import { cli } from '../cli/helpers';
import { ExportSigningKey, ExportSigningKeys, openStore } from '../../src/store';
import { postActivity, say } from '../helpers/activities';
import { startTestApp, type TestApp } from '../helpers/app';
import { FakeConnector } from '../helpers/connector';
import { testDatabase, type TestDatabase } from '../helpers/test-database';

/** The "Export CSV" link of the `never` list, as instance `app` puts it on the card. */
async function exportLink(app: TestApp, connector: FakeConnector): Promise<string> {
  const res = await postActivity(
    app.endpoint,
    say({ serviceUrl: connector.url, tenantId: app.simulator!.tenantId }, 'personal', 'never'),
  );
  assert.equal(res.status, 200);
  const card = connector.messages().at(-1)?.attachments?.[0]?.content as
    { actions?: { type: string; title: string; url?: string }[] } | undefined;
  const url = card?.actions?.find((a) => a.type === 'Action.OpenUrl' && a.title === 'Export CSV')?.url;
  assert.ok(url, 'an Export CSV link');
  return url;
}

/** The same link, clicked behind a load balancer that sends it to `app`. */
function on(app: TestApp, link: string): string {
  const url = new URL(link);
  url.port = String(app.port);
  return url.toString();
}

describe('export links on two instances sharing one database', function () {
  this.timeout(90_000);
  let database: TestDatabase;
  let connector: FakeConnector;
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    database = await testDatabase();
    connector = await new FakeConnector().start();
    a = await startTestApp(
      { DATABASE_URL: database.url },
      { syncAtStart: true, demoUsers: 200, digestSchedule: false },
    );
    await a.firstSync;
    b = await startTestApp(
      { DATABASE_URL: database.url },
      { syncAtStart: false, demoUsers: 200, digestSchedule: false },
    );
  });
  after(async () => {
    await b.stop();
    await a.stop();
    await connector.stop();
    await database.cleanup();
  });

  it('serves on B a link made on A, and on A one made on B', async () => {
    const fromA = await exportLink(a, connector);
    const res = await fetch(on(b, fromA));
    assert.equal(res.status, 200);
    assert.match(await res.text(), /^User Principal Name,/);
    assert.equal((await fetch(on(a, await exportLink(b, connector)))).status, 200);
  });

  it('refuses a forged key id, and after a rotation that retires at once, every link of the old key', async () => {
    const old = await exportLink(a, connector);
    const kid = new URL(old).searchParams.get('kid');
    assert.equal(
      (await fetch(on(b, old.replace(`kid=${kid}`, 'kid=77')))).status,
      403,
      'a key id the database does not have',
    );

    const rotated = await cli(exportKeysCommand, ['rotate', '--retire-now'], { store: a.store });
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(rotated.stdout, /signs export links from now on; key \d+ retired/);
    for (const app of [a, b])
      assert.equal((await fetch(on(app, old))).status, 403, `the old key's link on port ${app.port}`);
    const fresh = await exportLink(b, connector);
    const freshKid = new URL(fresh).searchParams.get('kid');
    assert.notEqual(freshKid, kid);
    assert.equal((await fetch(on(a, fresh))).status, 200);
    assert.equal(
      (await fetch(on(a, old.replace(`kid=${kid}`, `kid=${freshKid}`)))).status,
      403,
      'an old signature under the new key id',
    );
  });

  it('lists the keys from the command line, never their secrets', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(join('node_modules', '.bin', 'tsx'), ['src/cli/export-keys.ts', 'list'], {
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
    });
    assert.match(stdout, /key +created +state/);
    assert.match(stdout, /retired 20\d\d-/);
    assert.match(stdout, /in use/);
    for (const key of await a.store.getRepository(ExportSigningKey).find()) assert.ok(!stdout.includes(key.secret));
  });
});

describe('export signing keys', () => {
  it('are made once when two instances ask for the first at the same moment', async () => {
    const database = await testDatabase();
    const [one, two] = [await openStore(database.config), await openStore(database.config)];
    try {
      const now = new Date('2025-11-24T09:00:00Z');
      const [x, y] = await Promise.all([
        new ExportSigningKeys(one).current(now),
        new ExportSigningKeys(two).current(now),
      ]);
      assert.equal(x.id, y.id);
      assert.ok(x.secret.equals(y.secret));
      assert.equal(await one.getRepository(ExportSigningKey).count(), 1);
    } finally {
      await one.destroy();
      await two.destroy();
      await database.cleanup();
    }
  });
});
