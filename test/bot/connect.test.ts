import assert from 'node:assert/strict';
import { Agent, request } from 'undici';
import { AuditEvent, ConsentRequest } from '../../src/store';
import { ADMIN, READER } from '../helpers/activities';
import { startHarness, text, waitFor, type Card, type Harness } from './harness';

/** Every Action.OpenUrl of a card: its title and URL. */
function openUrls(card: Card | undefined): { title: string; url: string }[] {
  const found: { title: string; url: string }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o['type'] === 'Action.OpenUrl') found.push({ title: String(o['title']), url: String(o['url']) });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/**
 * Admin consent from Teams, end to end over HTTP: `connect` in a chat, Microsoft's consent screen (the
 * simulator's), its redirect to `GET /auth/consent`, the page, the audit, the answer in the admin's
 * chat, and the sync that follows a grant.
 */
describe('bot: connect (admin consent from Teams)', function () {
  this.timeout(60_000);
  let h: Harness;
  let simulator: Agent;
  before(async () => {
    h = await startHarness({ sync: false });
    simulator = new Agent({ connect: { ca: h.app.simulator!.ca } });
  });
  after(async () => {
    await simulator.close();
    await h.stop();
  });
  beforeEach(() => h.connector.reset());

  const personal = `a:personal-${ADMIN.aadObjectId}`;
  const audit = (action: string) =>
    h.app.store.getRepository(AuditEvent).find({ where: { action }, order: { id: 'ASC' } });
  const consentUrl = async () => {
    const card = await h.card('connect');
    const [button] = openUrls(card);
    assert.equal(button?.title, 'Grant permissions');
    return new URL(button!.url);
  };
  /** The admin on Microsoft's consent screen: Accept or Cancel; returns where the browser is sent back to. */
  const decide = async (url: URL, decision: 'accept' | 'cancel') => {
    const page = await request(url, { dispatcher: simulator });
    assert.equal(page.statusCode, 200);
    await page.body.text();
    const res = await request(url, {
      method: 'POST',
      dispatcher: simulator,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `decision=${decision}`,
    });
    await res.body.text();
    assert.equal(res.statusCode, 302);
    return String(res.headers['location']);
  };
  /** What the bot posted to the admin's chat since `mark` (an index into the connector's record). */
  const toldSince = (mark: number) =>
    h.connector.sent
      .slice(mark)
      .filter((s) => s.conversationId === personal && s.activity.type === 'message')
      .map((s) => text(s.activity.attachments?.[0]?.content));
  const visit = async (url: string) => {
    const res = await fetch(url, { redirect: 'manual' });
    return { status: res.status, headers: res.headers, html: await res.text() };
  };

  it("connect answers an admin with Microsoft's admin-consent URL for this app and tenant, redirecting to this bot", async () => {
    const url = await consentUrl();
    const sim = h.app.simulator!;
    assert.equal(`${url.origin}${url.pathname}`, `${sim.authorityHost}/${sim.tenantId}/v2.0/adminconsent`);
    assert.equal(url.searchParams.get('client_id'), sim.clientId);
    assert.equal(url.searchParams.get('scope'), 'https://graph.microsoft.com/.default');
    assert.equal(url.searchParams.get('redirect_uri'), `${new URL(h.app.endpoint).origin}/auth/consent`);
    assert.match(url.searchParams.get('state') ?? '', /^\d+\.[\w-]{43}\.[\w-]{43}$/);
    assert.doesNotMatch(url.toString(), new RegExp(sim.clientSecret), 'no secret in the URL');
  });

  it('refuses connect to someone who is not an admin (audited), and shows them no Grant button', async () => {
    const requests = await h.app.store.getRepository(ConsentRequest).count();
    assert.match(
      text(await h.card('connect', 'personal', { from: READER })),
      /Only License Steward admins can do that/,
    );
    assert.ok(
      (await h.app.store.getRepository(AuditEvent).findBy({ actor: READER.aadObjectId, outcome: 'refused' })).length >
        0,
    );
    const card = await h.card('permissions', 'personal', { from: READER });
    assert.match(text(card), /Missing/);
    assert.deepEqual(openUrls(card), []);
    assert.equal(
      await h.app.store.getRepository(ConsentRequest).count(),
      requests,
      'no consent link was made for them',
    );
  });

  it("Accept: the page says granted, the audit records it, the admin's chat hears it, a sync runs and the new permission shows", async () => {
    assert.match(text(await h.card('permissions')), /Missing.*TeamsAppInstallation\.ReadWriteForUser\.All/s);
    const url = await consentUrl();
    const mark = h.connector.sent.length;
    const back = await decide(url, 'accept');
    const page = await visit(back);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.html, /Permissions granted/);
    assert.doesNotMatch(
      page.html,
      new RegExp(new URL(back).searchParams.get('state')!.split('.')[1]!),
      'the state is not on the page',
    );
    const [event] = await audit('consent.granted');
    assert.equal(event?.actor, ADMIN.aadObjectId);
    assert.equal(event?.subjectId, h.app.simulator!.tenantId);
    assert.match(toldSince(mark)[0] ?? '', /Permissions granted/);
    await waitFor('the sync to finish', () =>
      h.connector.messagesTo(personal).some((m) => m.summary === 'Sync finished'),
    );
    const permissions = await h.card('permissions');
    assert.doesNotMatch(text(permissions), /Missing/, 'the token was renewed: the consented permission shows');
    assert.deepEqual(openUrls(permissions), [], 'nothing missing, no button');
  });

  it('the same redirect a second time gets 400: nothing recorded, nobody told', async () => {
    const back = await decide(await consentUrl(), 'accept');
    assert.equal((await visit(back)).status, 200);
    await h.app.bot.services.background.idle();
    const events = (await audit('consent.granted')).length;
    const sent = h.connector.sent.length;
    const again = await visit(back);
    assert.equal(again.status, 400);
    assert.match(again.html, /This consent link is not valid/);
    assert.equal((await audit('consent.granted')).length, events);
    assert.equal(h.connector.sent.length, sent);
  });

  it("Cancel: the page gives Microsoft's reason in plain words, the audit records the refusal, no sync starts", async () => {
    const url = await consentUrl();
    const mark = h.connector.sent.length;
    const back = await decide(url, 'cancel');
    const page = await visit(back);
    assert.equal(page.status, 200);
    assert.match(page.html, /Permissions not granted/);
    assert.match(page.html, /User declined to consent to access the app/);
    assert.equal((await audit('consent.declined')).at(-1)?.actor, ADMIN.aadObjectId);
    await h.app.bot.services.background.idle();
    const told = toldSince(mark);
    assert.equal(told.length, 1, 'the answer, and no sync card');
    assert.match(told[0]!, /Permissions not granted/);
  });

  it('escapes whatever comes back in the page', async () => {
    const url = await consentUrl();
    const back = new URL(url.searchParams.get('redirect_uri')!);
    back.search = new URLSearchParams({
      error: 'access_denied',
      error_description: 'AADSTS65004: <script>alert(1)</script> & "more"',
      state: url.searchParams.get('state')!,
    }).toString();
    const page = await visit(back.toString());
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.html, /<script>/);
    assert.match(page.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;more&quot;/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  });

  it('a forged state gets 400: nothing recorded, nothing posted, no consent request touched', async () => {
    const before = await h.app.store.getRepository(AuditEvent).count();
    const forged = `${new URL(h.app.endpoint).origin}/auth/consent?admin_consent=True&tenant=${h.app.simulator!.tenantId}&state=${'x'.repeat(43)}.${'y'.repeat(43)}`;
    const page = await visit(forged);
    assert.equal(page.status, 400);
    assert.equal(await h.app.store.getRepository(AuditEvent).count(), before);
    assert.deepEqual(h.connector.sent, []);
  });
});

describe('bot: connect with PUBLIC_URL', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness({ sync: false, env: { PUBLIC_URL: 'https://steward.example/' } });
  });
  after(async () => h.stop());

  it("sends Microsoft's answer to PUBLIC_URL, whatever address the turn came in at", async () => {
    const [button] = openUrls(await h.card('connect'));
    assert.equal(new URL(button!.url).searchParams.get('redirect_uri'), 'https://steward.example/auth/consent');
  });

  it('shows the credential in use on the permissions card, and the Grant button to an admin when something is missing', async () => {
    const card = await h.card('permissions');
    assert.match(text(card), /Signs in to Microsoft Entra ID with a client secret\./);
    const [button] = openUrls(card);
    assert.equal(button?.title, 'Grant permissions');
    assert.match(button!.url, /\/v2\.0\/adminconsent\?client_id=/);
  });
});
