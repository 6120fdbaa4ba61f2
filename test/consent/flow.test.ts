import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { CONSENT_TTL_MS, ConsentFlow, type ConsentAnswered } from '../../src/consent/flow';
import { createLogger } from '../../src/logging/logger';
import { AuditEvent, ConsentRequest, ConsentRequests, ExportSigningKeys, openStore } from '../../src/store';
import { testDatabase, type TestDatabase } from '../helpers/test-database';

const ADMIN = '6e4b9a52-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const TENANT = '8f0b3a3e-6c2c-4c0e-9a0e-7f3f6b1c2d4e';
const REFERENCE = { conversation: { id: 'a:personal-admin' }, serviceUrl: 'http://127.0.0.1:9/' };
const APP = {
  authorityHost: 'https://login.microsoftonline.com',
  tenantId: TENANT,
  clientId: '5a6b7c8d-1111-2222-3333-444455556666',
  scope: 'https://graph.microsoft.com/.default',
};
const REDIRECT = 'https://steward.example/auth/consent';

/** The consent round trip's rules, on the real store (SQLite, or PostgreSQL with npm run test:pg) and a clock the test moves. */
describe('consent: state and answers', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let now: Date;
  let renewed: number;
  let answers: ConsentAnswered[];
  let flow: ConsentFlow;
  const newFlow = () => {
    const f = new ConsentFlow({
      requests: new ConsentRequests(dataSource),
      keys: new ExportSigningKeys(dataSource),
      app: APP,
      renewToken: () => {
        renewed++;
      },
      now: () => now,
      log: createLogger({ level: 'silent', secrets: [] }),
    });
    f.onAnswer(async (answer) => {
      answers.push(answer);
    });
    return f;
  };
  const audit = () => dataSource.getRepository(AuditEvent).find({ order: { id: 'ASC' } });
  const stateOf = (url: string) => new URL(url).searchParams.get('state')!;

  beforeEach(async () => {
    database = await testDatabase();
    dataSource = await openStore(database.config);
    now = new Date('2026-03-02T09:00:00Z');
    renewed = 0;
    answers = [];
    flow = newFlow();
  });
  afterEach(async () => {
    await dataSource.destroy();
    await database.cleanup();
  });

  it("begins with Microsoft's admin-consent URL for the app, the tenant, .default and this redirect; the state itself is never stored", async () => {
    const { url, expiresAt } = await flow.begin(ADMIN, REFERENCE, REDIRECT);
    const u = new URL(url);
    assert.equal(`${u.origin}${u.pathname}`, `https://login.microsoftonline.com/${TENANT}/v2.0/adminconsent`);
    assert.equal(u.searchParams.get('client_id'), APP.clientId);
    assert.equal(u.searchParams.get('scope'), 'https://graph.microsoft.com/.default');
    assert.equal(u.searchParams.get('redirect_uri'), REDIRECT);
    assert.match(stateOf(url), /^\d+\.[\w-]{43}\.[\w-]{43}$/);
    assert.equal(expiresAt.getTime() - now.getTime(), 15 * 60_000);
    const rows = await dataSource.getRepository(ConsentRequest).find();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.adminId, ADMIN);
    for (const part of stateOf(url).split('.').slice(1)) assert.doesNotMatch(JSON.stringify(rows), new RegExp(part));
  });

  it("takes a grant: 200, audited as the admin who asked, the Graph token renewed, the answer told with the admin's chat", async () => {
    const { url } = await flow.begin(ADMIN, REFERENCE, REDIRECT);
    const result = await flow.complete({
      admin_consent: 'True',
      tenant: TENANT,
      scope: 'https://graph.microsoft.com/User.Read.All',
      state: stateOf(url),
    });
    assert.equal(result.status, 200);
    assert.equal(result.status === 200 && result.outcome, 'granted');
    const [event] = await audit();
    assert.deepEqual(
      { actor: event?.actor, action: event?.action, subject: event?.subjectId, outcome: event?.outcome },
      { actor: ADMIN, action: 'consent.granted', subject: TENANT, outcome: 'ok' },
    );
    assert.equal(renewed, 1);
    assert.deepEqual(
      answers.map((a) => [a.adminId, a.outcome, a.reference]),
      [[ADMIN, 'granted', REFERENCE]],
    );
  });

  it("takes a refusal: Microsoft's words without codes or trace ids on the page, the code in the audit, no token renewed", async () => {
    const { url } = await flow.begin(ADMIN, REFERENCE, REDIRECT);
    const result = await flow.complete({
      error: 'access_denied',
      error_subcode: 'cancel',
      state: stateOf(url),
      error_description:
        'AADSTS65004: User declined to consent to access the app.\r\nTrace ID: 0000aaaa\r\nCorrelation ID: bbbb\r\nTimestamp: 2026-03-02 09:01:00Z',
    });
    assert.equal(result.status, 200);
    assert.equal(result.status === 200 && result.outcome, 'declined');
    assert.match(result.message, /Microsoft said: User declined to consent to access the app\./);
    assert.doesNotMatch(result.message, /Trace ID|AADSTS/);
    const [event] = await audit();
    assert.equal(event?.action, 'consent.declined');
    assert.equal(event?.outcome, 'refused');
    assert.deepEqual(event?.detail, { error: 'access_denied', code: 'AADSTS65004' });
    assert.equal(renewed, 0);
    assert.equal(answers[0]?.outcome, 'declined');
  });

  it("names another error of Microsoft's as a failure, with its code", async () => {
    const { url } = await flow.begin(ADMIN, REFERENCE, REDIRECT);
    const result = await flow.complete({
      error: 'invalid_request',
      error_description: 'AADSTS90094: Administrator consent is required.',
      state: stateOf(url),
    });
    assert.equal(result.status === 200 && result.outcome, 'failed');
    assert.match(result.message, /Administrator consent is required\. \(invalid_request, AADSTS90094\)/);
  });

  const refused: [string, (state: string) => Record<string, string> | Promise<Record<string, string>>][] = [
    ['a state nobody issued', () => ({ admin_consent: 'True', state: `1.${'a'.repeat(43)}.${'b'.repeat(43)}` })],
    [
      'an issued state with its signature changed',
      (state) => ({ admin_consent: 'True', state: `${state.split('.').slice(0, 2).join('.')}.${'c'.repeat(43)}` }),
    ],
    [
      'an issued state moved to a key the database does not hold',
      (state) => ({ admin_consent: 'True', state: state.replace(/^\d+\./, '99.') }),
    ],
    [
      'an issued state whose key was retired at once',
      async (state) => {
        await new ExportSigningKeys(dataSource).rotate(now, 0, 'test');
        return { admin_consent: 'True', state };
      },
    ],
    ['no state at all', () => ({ admin_consent: 'True' })],
    ['a state that is no state', () => ({ admin_consent: 'True', state: '<script>' })],
  ];
  for (const [what, query] of refused) {
    it(`refuses ${what} with 400: nothing recorded, nobody told, no token renewed`, async () => {
      const { url } = await flow.begin(ADMIN, REFERENCE, REDIRECT);
      const result = await flow.complete(await query(stateOf(url)));
      assert.equal(result.status, 400);
      assert.match(result.message, /Nothing was recorded/);
      assert.deepEqual(
        (await audit()).filter((e) => e.action.startsWith('consent')),
        [],
      );
      assert.deepEqual([answers.length, renewed], [0, 0]);
    });
  }

  it('takes a state another instance on the same database issued (load balancer): the keys are shared', async () => {
    const { url } = await newFlow().begin(ADMIN, REFERENCE, REDIRECT);
    const result = await flow.complete({ admin_consent: 'True', tenant: TENANT, state: stateOf(url) });
    assert.equal(result.status === 200 && result.outcome, 'granted');
  });

  it('refuses an answer after 15 minutes, and records nothing', async () => {
    const { url } = await flow.begin(ADMIN, REFERENCE, REDIRECT);
    now = new Date(now.getTime() + CONSENT_TTL_MS + 1);
    const result = await flow.complete({ admin_consent: 'True', tenant: TENANT, state: stateOf(url) });
    assert.equal(result.status, 400);
    assert.deepEqual(await audit(), []);
    assert.deepEqual([answers.length, renewed], [0, 0]);
  });

  it('takes each state once: the same redirect again is refused, and recorded once', async () => {
    const { url } = await flow.begin(ADMIN, REFERENCE, REDIRECT);
    const query = { admin_consent: 'True', tenant: TENANT, state: stateOf(url) };
    const [first, second] = await Promise.all([flow.complete(query), flow.complete(query)]);
    assert.deepEqual([first.status, second.status].sort(), [200, 400]);
    assert.equal((await flow.complete(query)).status, 400);
    assert.equal((await audit()).length, 1);
    assert.deepEqual([answers.length, renewed], [1, 1]);
  });

  it('forgets round trips a day after they expired, keeping the recent ones', async () => {
    await flow.begin(ADMIN, REFERENCE, REDIRECT);
    now = new Date(now.getTime() + CONSENT_TTL_MS + 86_400_000 - 1);
    await flow.begin(ADMIN, REFERENCE, REDIRECT);
    assert.equal(await dataSource.getRepository(ConsentRequest).count(), 2);
    now = new Date(now.getTime() + 2);
    await flow.begin(ADMIN, REFERENCE, REDIRECT);
    assert.equal(await dataSource.getRepository(ConsentRequest).count(), 2);
  });

  it('calls a grant for another tenant a failure', async () => {
    const { url } = await flow.begin(ADMIN, REFERENCE, REDIRECT);
    const result = await flow.complete({
      admin_consent: 'True',
      tenant: '11111111-2222-4333-8444-555555555555',
      state: stateOf(url),
    });
    assert.equal(result.status === 200 && result.outcome, 'failed');
    assert.equal(renewed, 0);
  });
});
