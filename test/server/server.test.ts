import assert from 'node:assert/strict';
import { MAX_BODY_BYTES } from '../../src/server/json-body';
import { startTestApp, type TestApp } from '../helpers/app';
import { FakeConnector } from '../helpers/connector';
import { messageActivity, postActivity, say, TEST_TENANT, type Chat } from '../helpers/activities';
import { lateReader, streamUpload } from '../helpers/upload';

const HUGE = 150 * 1024 * 1024;

describe('HTTP server', () => {
  let app: TestApp;
  let connector: FakeConnector;

  before(async () => {
    connector = await new FakeConnector().start();
    app = await startTestApp();
  });
  after(async () => {
    await app.stop();
    await connector.stop();
  });
  beforeEach(() => connector.sent.splice(0));

  const base = () => `http://127.0.0.1:${app.port}`;
  /** The demo tenant is the one the bot serves. */
  const chat = (): Chat => ({ serviceUrl: connector.url, tenantId: app.simulator!.tenantId });

  it('answers /healthz while the process is up', async () => {
    const res = await fetch(`${base()}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('answers /readyz when the database is reachable', async () => {
    const res = await fetch(`${base()}/readyz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ready' });
  });

  it('replies to "help" with the help card, sent to the activity\'s serviceUrl', async () => {
    const activity = say(chat(), 'personal', 'help');
    const res = await postActivity(app.endpoint, activity);
    assert.equal(res.status, 200);
    const [reply, ...rest] = connector.messages();
    assert.equal(rest.length, 0, 'exactly one message');
    assert.equal(reply?.['replyToId'], activity.id);
    const card = reply?.attachments?.[0];
    assert.equal(card?.contentType, 'application/vnd.microsoft.card.adaptive');
    const body = JSON.stringify(card?.content);
    assert.match(body, /License Steward/);
    assert.match(body, /"title":"help"/);
  });

  it('answers text it does not know with help, naming what it did not understand', async () => {
    await postActivity(app.endpoint, say(chat(), 'personal', '  Frobnicate   the licenses '));
    const body = JSON.stringify(connector.messages()[0]?.attachments?.[0]?.content);
    assert.match(body, /I don't know \\"frobnicate the licenses\\"/);
    assert.match(body, /"title":"help"/);
  });

  it('treats commands case-insensitively and strips the @mention in a channel', async () => {
    await postActivity(app.endpoint, say(chat(), 'channel', ' HELP '));
    const body = JSON.stringify(connector.messages()[0]?.attachments?.[0]?.content);
    assert.doesNotMatch(body, /I don't know/);
    assert.match(body, /"title":"help"/);
  });

  it('says that the tenant is simulated in demo mode', async () => {
    await postActivity(app.endpoint, say(chat(), 'personal', 'help'));
    assert.match(JSON.stringify(connector.messages()[0]?.attachments?.[0]?.content), /simulated tenant/);
  });

  it('refuses an activity from another tenant, and stores nothing about it', async () => {
    const foreign = messageActivity('help', connector.url, {
      conversation: { id: 'a:personal-elsewhere', conversationType: 'personal', tenantId: TEST_TENANT },
    });
    assert.equal(foreign.conversation.tenantId, TEST_TENANT);
    const res = await postActivity(app.endpoint, foreign);
    assert.equal(res.status, 200);
    const body = JSON.stringify(connector.messages()[0]?.attachments?.[0]?.content);
    assert.match(body, /serves another organisation/);
    assert.equal(await app.bot.services.conversations.get(foreign.conversation.id), null);
  });

  it('logs each turn with its request id', async () => {
    const activity = say(chat(), 'personal', 'help');
    await postActivity(app.endpoint, activity);
    const lines = app.logLines.map((l) => JSON.parse(l) as { requestId?: string; msg?: string });
    assert.ok(lines.some((l) => l.requestId === activity.id && l.msg === 'activity received'));
  });

  describe('request bodies', () => {
    const post = async (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
      const res = await fetch(app.endpoint, { method: 'POST', headers, body });
      return { status: res.status, body: await res.text() };
    };

    it('refuses a body declared larger than the limit with 413 before it is uploaded', async () => {
      const outcome = await streamUpload(app.endpoint, { total: HUGE, declareLength: true });
      assert.equal(outcome.status, 413);
      assert.deepEqual(JSON.parse(outcome.body), { error: 'payload too large' });
      assert.equal(
        outcome.finishedWhenAnswered,
        false,
        `answered only after the whole upload (${outcome.sentWhenAnswered} bytes)`,
      );
    });

    it('keeps the 413 readable for a client that reads it late while still uploading, then cuts the connection', async () => {
      // Closing at once would reset the connection under the unread upload, and the reset makes
      // the client's system drop the answer it had not read yet.
      const outcome = await lateReader(app.endpoint, {
        declared: HUGE,
        written: 4 * 1024 * 1024,
        readAfterMs: 300,
        giveUpMs: 30_000,
      });
      assert.deepEqual(outcome, { status: 'HTTP/1.1 413 Payload Too Large', cut: true });
    });

    it('cuts off a chunked body with 413 as soon as it passes the limit', async () => {
      const outcome = await streamUpload(app.endpoint, { total: HUGE, declareLength: false });
      assert.equal(outcome.status, 413);
      assert.deepEqual(JSON.parse(outcome.body), { error: 'payload too large' });
      assert.equal(
        outcome.finishedWhenAnswered,
        false,
        `answered only after the whole upload (${outcome.sentWhenAnswered} bytes)`,
      );
    });

    it('accepts an activity of exactly the limit, and refuses one byte more', async () => {
      const json = JSON.stringify(say(chat(), 'personal', 'help'));
      // Trailing whitespace is valid JSON: the same activity, padded to the size under test.
      assert.equal((await post(json.padEnd(MAX_BODY_BYTES))).status, 200);
      const over = await post(json.padEnd(MAX_BODY_BYTES + 1));
      assert.equal(over.status, 413);
      assert.deepEqual(JSON.parse(over.body), { error: 'payload too large' });
    });

    it('refuses a body that is not JSON with 415: XML, text, or no content type', async () => {
      const cases: Record<string, string>[] = [
        { 'content-type': 'application/xml' },
        { 'content-type': 'text/plain' },
        {},
      ];
      for (const headers of cases) {
        const res = await post('<activity type="message"/>', headers);
        assert.equal(res.status, 415, JSON.stringify(headers));
        assert.deepEqual(JSON.parse(res.body), { error: 'content type must be application/json' });
      }
    });

    it('refuses malformed JSON, an empty body and a JSON value that is no activity with 400 and a fixed message', async () => {
      const cases: [string, string][] = [
        ['{"type":"message",', 'malformed JSON'],
        ['', 'empty body'],
        ['[{"type":"message"}]', 'body must be a JSON object'],
        ['{"text":"help"}', 'not an activity: type missing'],
      ];
      for (const [body, error] of cases) {
        const res = await post(body);
        assert.equal(res.status, 400, body);
        assert.deepEqual(JSON.parse(res.body), { error });
      }
      assert.equal(connector.sent.length, 0);
    });

    it("answers an unknown path or method with a fixed error body, not restify's message", async () => {
      const notFound = await fetch(app.endpoint.replace('/api/messages', '/api/nothing-here'), { method: 'POST' });
      assert.equal(notFound.status, 404);
      assert.deepEqual(await notFound.json(), { error: 'not found' });
      const wrongMethod = await fetch(app.endpoint);
      assert.equal(wrongMethod.status, 405);
      assert.deepEqual(await wrongMethod.json(), { error: 'method not allowed' });
    });
  });
});

describe('HTTP server with a bot identity (BOT_ID set)', () => {
  let app: TestApp;
  let connector: FakeConnector;

  before(async () => {
    connector = await new FakeConnector().start();
    app = await startTestApp({ BOT_ID: '0c2f8a4e-93e4-4c44-8a8f-3e1b1f6f1a11', BOT_PASSWORD: 'not-a-real-password' });
  });
  after(async () => {
    await app.stop();
    await connector.stop();
  });

  it('refuses an activity without a Bot Framework token with 401 and sends nothing', async () => {
    const res = await postActivity(app.endpoint, messageActivity('help', connector.url));
    assert.equal(res.status, 401);
    assert.equal(connector.sent.length, 0);
  });

  it('refuses a forged bearer token with 401', async () => {
    const res = await postActivity(app.endpoint, messageActivity('help', connector.url), {
      authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.',
    });
    assert.equal(res.status, 401);
    assert.equal(connector.sent.length, 0);
  });
});
