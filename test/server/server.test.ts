import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app';
import { FakeConnector } from '../helpers/connector';
import { messageActivity, postActivity, say, TEST_TENANT, type Chat } from '../helpers/activities';

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
    const foreign = messageActivity('help', connector.url, { conversation: { id: 'a:personal-elsewhere', conversationType: 'personal', tenantId: TEST_TENANT } });
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
    const res = await postActivity(app.endpoint, messageActivity('help', connector.url), { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' });
    assert.equal(res.status, 401);
    assert.equal(connector.sent.length, 0);
  });
});
