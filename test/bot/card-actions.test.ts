import assert from 'node:assert/strict';
import { invokeActivity, messageActivity, postActivity, READER, TEST_TENANT } from '../helpers/activities';
import { cardProblems } from '../helpers/card-validator';
import { executeActions, openUrl, startHarness, text, type Card, type Harness } from './harness';

describe('card actions (Action.Execute over HTTP)', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness({ sync: true });
  });
  after(async () => h.stop());

  it('pages a list with Next and Previous, replacing the same card, most expensive first', async () => {
    const first = await h.card('inactive 7', 'channel');
    assert.match(text(first), /page 1 of \d+/);
    assert.equal(
      executeActions(first).some((a) => a.title === 'Previous'),
      false,
      'no Previous on page 1',
    );
    const next = executeActions(first).find((a) => a.title === 'Next');
    assert.ok(next, 'a Next button');
    const second = await h.invoke(next.verb, next.data, 'channel');
    assert.equal(second.status, 200);
    assert.match(text(second.card), /page 2 of \d+/);
    assert.deepEqual(cardProblems(second.card), []);
    assert.doesNotMatch(text(second.card), /Lynne|Never signed in/, 'still the same list');
    const previous = executeActions(second.card).find((a) => a.title === 'Previous');
    const back = await h.invoke(previous!.verb, previous!.data, 'channel');
    const withoutLinks = (card: Card | undefined) => text(card).replace(/http:\/\/\S+/g, '');
    assert.equal(withoutLinks(back.card), withoutLinks(first), 'Previous shows page 1 again');
    const costs = [...text(first).matchAll(/([\d,]+\.\d\d) USD/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
    assert.ok(costs.length > 1);
    assert.deepEqual(
      costs,
      [...costs].sort((a, b) => b - a),
      'sorted by monthly cost, highest first',
    );
  });

  it('opens each list and the downgrades from the summary buttons, and goes back', async () => {
    const summary = await h.card('summary');
    const buttons = executeActions(summary);
    assert.deepEqual(
      buttons.map((b) => b.title.replace(/ \(\d+\)$/, '')),
      ['Inactive', 'Never', 'Blocked', 'Downgrades'],
    );
    for (const [i, shows] of [
      [0, /Inactive users/],
      [1, /Never signed in/],
      [2, /Blocked, still licensed/],
      [3, /Downgrade opportunities/],
    ] as const) {
      const res = await h.invoke(buttons[i]!.verb, buttons[i]!.data, 'group');
      assert.match(text(res.card), shows);
      assert.deepEqual(cardProblems(res.card), []);
    }
    const list = await h.invoke(buttons[0]!.verb, buttons[0]!.data);
    const back = executeActions(list.card).find((a) => a.title === 'Summary')!;
    assert.match(text((await h.invoke(back.verb, back.data)).card), /License waste summary/);
  });

  it('opens the users the policy excludes from a list, each with the reason and without reclaim buttons, and goes back', async () => {
    const list = await h.card('inactive');
    const show = executeActions(list).find((a) => /^Show excluded \([\d,]+\)$/.test(a.title));
    assert.ok(show, 'the flagged list says how many are excluded');
    const excluded = await h.invoke(show.verb, show.data);
    assert.deepEqual(cardProblems(excluded.card), []);
    assert.match(text(excluded.card), /Inactive users: excluded by policy/);
    assert.match(text(excluded.card), new RegExp(`${show.title.match(/\(([\d,]+)\)/)![1]} users? · page 1`));
    assert.match(text(excluded.card), /Excluded: (Guest|Signs in with MFA|[A-Z])/);
    assert.equal(executeActions(excluded.card).filter((a) => a.title.startsWith('Request reclamation')).length, 0);
    const back = executeActions(excluded.card).find((a) => a.title === 'Show flagged')!;
    const flagged = await h.invoke(back.verb, back.data);
    assert.match(text(flagged.card), /\| Inactive users \|/);
    assert.ok(executeActions(flagged.card).some((a) => a.title === show.title));
  });

  it('shows the last page, and says why, when a card asks for a page the list no longer has', async () => {
    const res = await h.invoke('findings.page', { list: 'never', page: 999 });
    assert.match(text(res.card), /The list changed since that card was sent/);
  });

  it('refuses forged or stale payloads with a friendly card and changes nothing', async () => {
    const forged: [string, unknown][] = [
      ['findings.page', { list: 'everyone', page: 1 }],
      ['findings.page', { list: 'inactive', page: 'one' }],
      ['findings.page', { list: 'inactive', page: 1, days: 99999 }],
      ['findings.page', { list: 'inactive', page: 1, extra: '<script>' }],
      ['downgrades.page', {}],
      ['summary.open', { anything: true }],
      ['reclaim.everything', { upn: 'lynner@contoso.onmicrosoft.com' }],
    ];
    for (const [verb, data] of forged) {
      const res = await h.invoke(verb, data);
      assert.equal(res.status, 200, verb);
      assert.match(text(res.card), /This card is out of date/, `${verb} ${JSON.stringify(data)}`);
    }
  });

  it('refuses a card action from another tenant', async () => {
    const foreign = invokeActivity(
      { ...h.chat, tenantId: TEST_TENANT },
      'personal',
      'summary.open',
      {},
      { from: READER },
    );
    const res = await postActivity(h.app.endpoint, foreign);
    assert.equal(res.status, 200);
    assert.match(res.body, /serves another organisation/);
    assert.doesNotMatch(res.body, /License waste summary/);
  });

  it('serves "Export CSV" at a signed link, and refuses a tampered or expired one', async () => {
    const card = await h.card('never');
    const url = openUrl(card, 'Export CSV');
    assert.ok(url, 'an Export CSV link');
    const total = Number(/(\d+) users? ·/.exec(text(card))?.[1]);
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', /license-steward-never\.csv/);
    const lines = (await res.text()).trim().split('\r\n');
    assert.equal(lines.length, total + 1, 'a header and one row per user of the list');

    const tampered = url.replace('list=never', 'list=inactive');
    assert.equal((await fetch(tampered)).status, 403);
    const forgedSig = url.replace(/sig=[^&]+/, `sig=${'A'.repeat(43)}`);
    assert.equal((await fetch(forgedSig)).status, 403);
    const old = url.replace(/exp=\d+/, `exp=${Date.now() - 1000}`);
    assert.equal((await fetch(old)).status, 403, 'changing the expiry breaks the signature');
  });

  it('answers a message from another tenant in a group chat with a refusal, never data', async () => {
    const res = await postActivity(
      h.app.endpoint,
      messageActivity('summary', h.connector.url, {
        conversation: { id: '19:foreign@unq.gbl.spaces', conversationType: 'groupChat', tenantId: TEST_TENANT },
      }),
    );
    assert.equal(res.status, 200);
    const reply = h.connector.messages().at(-1);
    assert.match(text(reply?.attachments?.[0]?.content), /serves another organisation/);
  });
});
