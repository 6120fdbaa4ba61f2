import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app';
import { BotFrameworkKeys, hmacToken, strayKey, unsignedToken } from '../helpers/bot-framework-keys';
import { FakeConnector } from '../helpers/connector';
import { invokeActivity, postActivity, type Chat } from '../helpers/activities';
import { streamUpload } from '../helpers/upload';

const BOT_ID = '0c2f8a4e-93e4-4c44-8a8f-3e1b1f6f1a11';
const HUGE = 150 * 1024 * 1024;

interface Running {
  keys: BotFrameworkKeys;
  connector: FakeConnector;
  app: TestApp;
  /** A card click: its invoke response (the HTTP body) shows whether the turn ran. */
  click(token: string): Promise<{ status: number; body: string }>;
}

/**
 * Registers hooks that start, before the tests, a key endpoint in `mode` ('gone': started, then
 * stopped, so nothing listens at its URL), a connector, and the app with a bot identity trusting
 * that endpoint's keys; and stop them after.
 */
function useApp(mode: 'up' | 'metadata-down' | 'keys-down' | 'gone'): Running {
  const running = {} as Running;
  before(async () => {
    running.keys = await new BotFrameworkKeys(mode === 'gone' ? 'up' : mode).start();
    if (mode === 'gone') await running.keys.stop();
    running.connector = await new FakeConnector().start();
    running.app = await startTestApp(
      { BOT_ID, BOT_PASSWORD: 'not-a-real-password' },
      { syncAtStart: false, demoUsers: 200, botOpenIdMetadataUrl: running.keys.metadataUrl },
    );
    const chat: Chat = { serviceUrl: running.connector.url, tenantId: running.app.simulator!.tenantId };
    running.click = (token) =>
      postActivity(running.app.endpoint, invokeActivity(chat, 'personal', 'summary.open', {}), {
        authorization: `Bearer ${token}`,
      });
  });
  after(async () => {
    await running.app.stop();
    await running.connector.stop();
    await running.keys.stop();
  });
  return running;
}

/** Forgeries a look at the token tells, without its signing keys. */
function forgedOnItsFace(keys: BotFrameworkKeys, serviceUrl: string): [string, string][] {
  const good = keys.claims(BOT_ID, serviceUrl);
  const hourAgo = Math.floor(Date.now() / 1000) - 3600;
  return [
    ['an unsigned token (alg: none)', unsignedToken(good, keys.kid)],
    ['an HS256 token keyed with the published public key', hmacToken(good, keys.kid, keys.publicPem())],
    ['a token from another issuer', keys.sign({ ...good, iss: 'https://login.example.com' })],
    ['a token for another bot', keys.sign({ ...good, aud: '9d1c0b6a-0000-4000-8000-000000000000' })],
    ['an expired token', keys.sign({ ...good, nbf: hourAgo - 3600, iat: hourAgo - 3600, exp: hourAgo })],
  ];
}

/** Forgeries only the published key tells. */
function forgedUnderTheSignature(keys: BotFrameworkKeys, serviceUrl: string): [string, string][] {
  const good = keys.claims(BOT_ID, serviceUrl);
  return [
    ['a token signed with a key nobody published', keys.sign(good, { key: strayKey() })],
    ['a token for another serviceUrl', keys.sign({ ...good, serviceurl: 'https://smba.example.com/' })],
  ];
}

describe('Bot Framework tokens (BOT_ID set)', () => {
  const r = useApp('up');
  beforeEach(() => r.connector.reset());

  it('accepts a token signed with the published key, for this bot and serviceUrl: the turn runs', async () => {
    const res = await r.click(r.keys.sign(r.keys.claims(BOT_ID, r.connector.url)));
    assert.equal(res.status, 200, res.body);
    assert.match(res.body, /License waste summary/);
  });

  it('refuses each forged token with 401 and a fixed body, running no turn', async () => {
    for (const [name, token] of [
      ...forgedOnItsFace(r.keys, r.connector.url),
      ...forgedUnderTheSignature(r.keys, r.connector.url),
    ]) {
      const res = await r.click(token);
      assert.equal(res.status, 401, `${name}: ${res.body}`);
      assert.deepEqual(JSON.parse(res.body), { error: 'unauthorized' }, name);
    }
    assert.equal(r.connector.sent.length, 0);
  });

  it('refuses a request without a bearer token with 401 before reading its body', async () => {
    const outcome = await streamUpload(r.app.endpoint, { total: HUGE, declareLength: false });
    assert.equal(outcome.status, 401);
    assert.deepEqual(JSON.parse(outcome.body), { error: 'unauthorized' });
    assert.equal(
      outcome.finishedWhenAnswered,
      false,
      `answered only after the whole upload (${outcome.sentWhenAnswered} bytes)`,
    );
  });

  it('reads the body of a request with a plausible token only up to the limit (413)', async () => {
    const authorization = `Bearer ${r.keys.sign(r.keys.claims(BOT_ID, r.connector.url))}`;
    const outcome = await streamUpload(r.app.endpoint, {
      total: HUGE,
      declareLength: false,
      headers: { authorization },
    });
    assert.equal(outcome.status, 413);
    assert.equal(
      outcome.finishedWhenAnswered,
      false,
      `answered only after the whole upload (${outcome.sentWhenAnswered} bytes)`,
    );
  });
});

describe('Bot Framework tokens when the signing keys cannot be fetched', () => {
  const outages = [
    ['the OpenID metadata endpoint answers 503', 'metadata-down'],
    ['the keys endpoint answers 500', 'keys-down'],
    ['nothing listens at the metadata URL', 'gone'],
  ] as const;
  for (const [outage, mode] of outages) {
    describe(`when ${outage}`, () => {
      const r = useApp(mode);

      it('answers a well-signed token with 503 and a log line, running no turn', async () => {
        const res = await r.click(r.keys.sign(r.keys.claims(BOT_ID, r.connector.url)));
        assert.equal(res.status, 503, res.body);
        assert.deepEqual(JSON.parse(res.body), { error: 'authentication unavailable' });
        assert.ok(
          r.app.logLines.some(
            (l) =>
              (JSON.parse(l) as { msg?: string }).msg ===
              'activity refused: Bot Framework signing keys could not be fetched',
          ),
        );
        assert.equal(r.connector.sent.length, 0);
      });

      it('never accepts what only the keys could refuse', async () => {
        for (const [name, token] of forgedUnderTheSignature(r.keys, r.connector.url)) {
          assert.equal((await r.click(token)).status, 503, name);
        }
      });

      if (mode === 'metadata-down') {
        it('still refuses the forgeries a look at the token tells with 401, without asking for keys', async () => {
          r.keys.requests.splice(0);
          for (const [name, token] of forgedOnItsFace(r.keys, r.connector.url)) {
            const res = await r.click(token);
            assert.equal(res.status, 401, `${name}: ${res.body}`);
            assert.deepEqual(JSON.parse(res.body), { error: 'unauthorized' }, name);
          }
          assert.deepEqual(r.keys.requests, []);
        });
      }
    });
  }
});
