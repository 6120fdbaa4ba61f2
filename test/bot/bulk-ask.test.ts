import assert from 'node:assert/strict';
import type { StartOptions } from '../../src/index';
import { HolderAsk, ReclamationRequest } from '../../src/store';
import { invokeActivity, postActivity, READER, say, type Chat } from '../helpers/activities';
import { startTestApp, type TestApp } from '../helpers/app';
import { cardProblems } from '../helpers/card-validator';
import { FakeConnector } from '../helpers/connector';
import { testDatabase, type TestDatabase } from '../helpers/test-database';
import { executeActions, text, waitFor, type Card } from './harness';

const INSTALL = 'TeamsAppInstallation.ReadWriteForUser.All';

/** The app on `databaseUrl`, its simulator letting it install itself for people, and the admin's chat known. */
async function start(
  databaseUrl: string,
  connector: FakeConnector,
  askSender: StartOptions['askSender'],
): Promise<{ app: TestApp; chat: Chat }> {
  const app = await startTestApp(
    { DATABASE_URL: databaseUrl },
    { syncAtStart: true, demoUsers: 200, digestSchedule: false, askSender },
  );
  await app.firstSync;
  app.simulator!.control.setFaults({ grant: [INSTALL] });
  const chat = { serviceUrl: connector.url, tenantId: app.simulator!.tenantId };
  for (const text of ['policy set mfaRule false', 'help'])
    assert.equal((await postActivity(app.endpoint, say(chat, 'personal', text))).status, 200);
  return { app, chat };
}

async function invoke(
  app: TestApp,
  chat: Chat,
  verb: string,
  data: unknown,
  replyToId = 'list-card',
): Promise<Card | undefined> {
  const res = await postActivity(app.endpoint, invokeActivity(chat, 'personal', verb, data, { replyToId }));
  return (JSON.parse(res.body) as { value?: Card }).value;
}

/** The inactive list as the admin sees it, and the preview its "Ask …" button opens. */
async function inactiveList(app: TestApp, chat: Chat, connector: FakeConnector): Promise<Card | undefined> {
  const before = connector.sent.length;
  await postActivity(app.endpoint, say(chat, 'personal', 'inactive'));
  return connector.sent.slice(before).find((s) => s.activity.attachments?.length)?.activity.attachments?.[0]?.content;
}

async function preview(app: TestApp, chat: Chat, connector: FakeConnector, button: RegExp): Promise<Card | undefined> {
  const list = await inactiveList(app, chat, connector);
  const ask = executeActions(list).find((a) => button.test(a.title));
  assert.ok(ask, `an Ask button in ${text(list).slice(0, 300)}`);
  return invoke(app, chat, ask.verb, ask.data);
}

/** Holder cards sent for one ask (its request): a person with two licenses gets a card for each. */
const cardsFor = (connector: FakeConnector, ask: HolderAsk) =>
  connector.sent.filter(
    (s) =>
      s.conversationId === `a:created-${ask.userId}` &&
      executeActions(s.activity.attachments?.[0]?.content).some(
        (a) => (a.data as { requestId?: string }).requestId === ask.requestId,
      ),
  ).length;

describe('"Ask these users": holders asked in bulk, at a pace Teams accepts (HTTP + simulator + SQLite)', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let connector: FakeConnector;
  beforeEach(async () => {
    database = await testDatabase();
    connector = await new FakeConnector().start();
  });
  afterEach(async () => {
    await connector.stop();
    await database.cleanup();
  });

  it('previews people, licenses and money; Confirm sends each holder one card, waits out a 429, and the progress card follows in place', async () => {
    const { app, chat } = await start(database.url, connector, {
      minIntervalMs: 50,
      progressIntervalMs: 0,
      backoff: { baseMs: 50, maxMs: 200, maxAttempts: 4 },
    });
    try {
      const card = await preview(app, chat, connector, /^Ask these users/);
      assert.deepEqual(cardProblems(card), []);
      assert.match(text(card), /Ask \d+ license holders?: preview/);
      assert.match(text(card), /People \| \d+ \| Licenses \| \d+ \| Monthly cost \| [\d,.]+ USD/);
      const confirm = executeActions(card).find((a) => a.title === 'Confirm')!;
      assert.equal(await app.store.getRepository(ReclamationRequest).count(), 0, 'a preview creates no request');
      assert.ok((await app.store.getRepository(HolderAsk).findBy({ status: 'draft' })).length > 1);
      // Teams throttles the first chat the bot opens: every send waits out its Retry-After.
      connector.failNextCreate({ status: 429, headers: { 'retry-after': '1' } });
      const progress = await invoke(app, chat, confirm.verb, confirm.data, 'ask-preview-card');
      assert.match(text(progress), /Asking \d+ license holders/);
      assert.match(
        text(await invoke(app, chat, confirm.verb, confirm.data, 'ask-preview-card')),
        /Nothing more was sent/,
        'a second Confirm sends nothing',
      );
      const asks = await app.store.getRepository(HolderAsk).find();
      await waitFor(
        'every ask to be settled',
        async () =>
          (await app.store.getRepository(HolderAsk).findBy({ status: 'pending' })).length === 0 &&
          (await app.store.getRepository(HolderAsk).findBy({ status: 'sending' })).length === 0,
      );
      await app.bot.services.background.idle();
      const settled = await app.store.getRepository(HolderAsk).find();
      const sent = settled.filter((a) => a.status === 'sent');
      assert.ok(sent.length >= 2, JSON.stringify(settled.map((a) => [a.status, a.note])));
      for (const ask of sent)
        assert.equal(cardsFor(connector, ask), 1, `one card for ${ask.userPrincipalName} · ${ask.skuName}`);
      for (const ask of settled.filter((a) => a.status !== 'sent'))
        assert.ok(ask.note, 'a reason for every ask not sent');
      const throttled = connector.attempts.find((a) => a.status === 429)!;
      const next = connector.attempts.find((a) => a.at > throttled.at && a.method !== 'PUT');
      assert.ok(
        next && next.at - throttled.at >= 950,
        `the next send waited out Retry-After (${next ? next.at - throttled.at : '-'} ms)`,
      );
      assert.equal(new Set(asks.map((a) => a.userId)).size, new Set(settled.map((a) => a.userId)).size);
      const final = connector.updates.filter((u) => u.activityId === 'ask-preview-card');
      assert.ok(final.length >= 2, 'the progress card is updated in place as asks go out');
      assert.match(
        text(final.at(-1)?.activity.attachments?.[0]?.content),
        new RegExp(`Sent ${sent.length} of ${settled.length}`),
      );
      // Asked already: a second bulk ask of the same users leaves them out, never asking twice.
      const again = await preview(app, chat, connector, /^Ask these users/);
      assert.match(text(again), /Nobody was asked|a request is already open/);
    } finally {
      await app.bot.services.background.idle();
      await app.stop();
    }
  });

  it('only admins preview or confirm; a draft is confirmed once, by who previewed it', async () => {
    const { app, chat } = await start(database.url, connector, { minIntervalMs: 0, progressIntervalMs: 0 });
    try {
      // "Ask all N" counts everyone the list matches, beyond the page "Ask these users (n)" covers.
      const titles = executeActions(await inactiveList(app, chat, connector)).map((a) => a.title);
      const page = Number(/^Ask these users \((\d+)\)$/.exec(titles.find((t) => t.startsWith('Ask these')) ?? '')?.[1]);
      const all = Number(
        /^Ask all ([\d,]+)$/.exec(titles.find((t) => t.startsWith('Ask all')) ?? '')?.[1]?.replace(/,/g, ''),
      );
      assert.ok(page > 0 && all > page, titles.join(' / '));
      const card = await preview(app, chat, connector, /^Ask all/);
      const drafted = new Set(
        (await app.store.getRepository(HolderAsk).findBy({ status: 'draft' })).map((a) => a.userId),
      ).size;
      assert.ok(drafted > page && drafted <= all, `${drafted} people drafted for ${all} listed, ${page} on the page`);
      const confirm = executeActions(card).find((a) => a.title === 'Confirm')!;
      const byReader = await postActivity(
        app.endpoint,
        invokeActivity(chat, 'personal', confirm.verb, confirm.data, { from: READER }),
      );
      assert.match(byReader.body, /Only License Steward admins can do that/);
      const cancel = executeActions(card).find((a) => a.title === 'Cancel')!;
      assert.match(text(await invoke(app, chat, cancel.verb, cancel.data)), /Nobody was asked/);
      assert.match(
        text(await invoke(app, chat, confirm.verb, confirm.data)),
        /Nothing more was sent/,
        'a cancelled preview cannot be confirmed',
      );
      assert.equal(await app.store.getRepository(ReclamationRequest).count(), 0);
      assert.equal(connector.created.length, 0);
    } finally {
      await app.stop();
    }
  });

  it('resumes after a restart and never sends an ask twice, not even the one a stop cut off mid-send', async () => {
    const first = await start(database.url, connector, { minIntervalMs: 60_000, progressIntervalMs: 0, leaseMs: 200 });
    const card = await preview(first.app, first.chat, connector, /^Ask these users/);
    const confirm = executeActions(card).find((a) => a.title === 'Confirm')!;
    const [cut] = await first.app.store.getRepository(HolderAsk).find({ order: { createdAt: 'ASC', id: 'ASC' } });
    // The first card's send hangs: the process stops while it is in flight.
    const held = connector.hold(`a:created-${cut!.userId}`);
    await invoke(first.app, first.chat, confirm.verb, confirm.data, 'resume-card');
    await held.arrived;
    await first.app.stop();

    const second = await start(database.url, connector, { minIntervalMs: 0, progressIntervalMs: 0, leaseMs: 200 });
    try {
      await waitFor(
        'the asks left pending to go out',
        async () => (await second.app.store.getRepository(HolderAsk).findBy({ status: 'pending' })).length === 0,
      );
      await second.app.bot.services.background.idle();
      held.release();
      // The cut-off ask is recovered once its lease has run out, which may be after the first pass.
      const asksRepo = second.app.store.getRepository(HolderAsk);
      await waitFor(
        'the interrupted ask to be given up',
        async () => (await asksRepo.findOneByOrFail({ id: cut!.id })).status !== 'sending',
      );
      await second.app.bot.services.background.idle();
      const interrupted = await asksRepo.findOneByOrFail({ id: cut!.id });
      await waitFor('the cut-off send to land', () => cardsFor(connector, interrupted) === 1);
      const asks = await second.app.store.getRepository(HolderAsk).find();
      for (const ask of asks)
        assert.ok(
          cardsFor(connector, ask) <= 1,
          `${ask.userPrincipalName} · ${ask.skuName} got ${cardsFor(connector, ask)} cards`,
        );
      assert.equal(interrupted.status, 'failed');
      assert.match(interrupted.note ?? '', /not sent again/);
      const request = await second.app.store
        .getRepository(ReclamationRequest)
        .findOneByOrFail({ id: interrupted.requestId! });
      assert.equal(request.state, 'requested', 'its approver decides instead');
      assert.equal(request.holderAnswer, 'unreachable');
      assert.ok(
        asks.filter((a) => a.id !== cut!.id).every((a) => a.status !== 'pending'),
        'the others went out after the restart',
      );
      assert.ok(asks.some((a) => a.status === 'sent'));
    } finally {
      await second.app.bot.services.background.idle();
      await second.app.stop();
    }
  });
});
