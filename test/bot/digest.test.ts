import assert from 'node:assert/strict';
import { DigestDelivery } from '../../src/store';
import { startTestApp, type TestApp } from '../helpers/app';
import { say, postActivity, type Chat, type Scope } from '../helpers/activities';
import { cardProblems } from '../helpers/card-validator';
import { FakeConnector } from '../helpers/connector';
import { testDatabase, type TestDatabase } from '../helpers/test-database';
import { text, waitFor } from './harness';

const CONVERSATIONS: Record<Scope, string> = {
  personal: 'a:digest-personal',
  group: '19:digest-group@unq.gbl.spaces',
  channel: '19:digest-channel@thread.tacv2',
};
const SLOT = new Date('2025-11-24T09:00:00Z');

async function start(databaseUrl: string, connector: FakeConnector): Promise<{ app: TestApp; chat: Chat }> {
  const app = await startTestApp(
    { DATABASE_URL: databaseUrl },
    { syncAtStart: true, demoUsers: 200, digestSchedule: false },
  );
  await app.firstSync;
  return { app, chat: { serviceUrl: connector.url, tenantId: app.simulator!.tenantId } };
}

async function subscribeAll(app: TestApp, chat: Chat): Promise<void> {
  for (const scope of ['personal', 'group', 'channel'] as const) {
    // In a channel, Teams names the thread the message was posted in; the digest goes to the channel.
    const conversationId =
      scope === 'channel' ? `${CONVERSATIONS[scope]};messageid=1732438800000` : CONVERSATIONS[scope];
    const res = await postActivity(app.endpoint, say(chat, scope, 'digest subscribe', { conversationId }));
    assert.equal(res.status, 200);
  }
}

async function statuses(app: TestApp, digestId: string): Promise<Record<string, string>> {
  const rows = await app.store.getRepository(DigestDelivery).findBy({ digestId });
  return Object.fromEntries(rows.map((r) => [r.conversationId, r.status]));
}

describe('weekly digest through the outbox', function () {
  this.timeout(60_000);
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

  it('delivers to three subscribed conversations: a 429 is retried, a 403 is marked gone, the third gets it once', async () => {
    const { app, chat } = await start(database.url, connector);
    try {
      await subscribeAll(app, chat);
      connector.reset();
      connector.failNext(CONVERSATIONS.group, { status: 429 });
      connector.failNext(CONVERSATIONS.channel, { status: 403 });

      const digestId = await app.bot.services.digest.runWeekly(SLOT);
      await waitFor(
        'the throttled delivery to be retried',
        async () => (await statuses(app, digestId))[CONVERSATIONS.group] === 'sent',
      );

      assert.deepEqual(await statuses(app, digestId), {
        [CONVERSATIONS.personal]: 'sent',
        [CONVERSATIONS.group]: 'sent',
        [CONVERSATIONS.channel]: 'gone',
      });
      assert.equal(connector.messagesTo(CONVERSATIONS.personal).length, 1);
      assert.equal(connector.messagesTo(CONVERSATIONS.group).length, 1);
      assert.equal(connector.messagesTo(CONVERSATIONS.channel).length, 0);
      assert.deepEqual(
        connector.attempts.filter((a) => a.conversationId === CONVERSATIONS.group).map((a) => a.status),
        [429, 200],
        'retried after the 429',
      );
      assert.deepEqual(
        connector.attempts.filter((a) => a.conversationId === CONVERSATIONS.channel).map((a) => a.status),
        [403],
        'never retried after the 403',
      );
      const channel = await app.bot.services.conversations.get(CONVERSATIONS.channel);
      assert.notEqual(channel?.removedAt, null, 'the conversation that refused is marked');
      assert.equal(channel?.digestSubscribed, false);

      const card = connector.messagesTo(CONVERSATIONS.personal)[0]!.attachments![0]!.content;
      assert.deepEqual(cardProblems(card), []);
      assert.match(text(card), /Weekly license digest.*Week of 2025-11-24/);
      assert.match(text(card), /Most expensive idle licenses/);
      assert.match(text(card), /Task health.*Application Roster/);

      // The same slot again (a second instance, or the schedule firing twice): nothing is sent again.
      await app.bot.services.digest.runWeekly(SLOT);
      assert.equal(connector.messages().length, 2);
    } finally {
      await app.stop();
    }
  });

  it("compares with last week's digest", async () => {
    const { app, chat } = await start(database.url, connector);
    try {
      await postActivity(
        app.endpoint,
        say(chat, 'personal', 'digest subscribe', { conversationId: CONVERSATIONS.personal }),
      );
      connector.reset();
      await app.bot.services.digest.runWeekly(SLOT);
      assert.match(text(connector.messagesTo(CONVERSATIONS.personal)[0]?.attachments?.[0]?.content), /First digest/);
      await app.bot.services.digest.runWeekly(new Date(SLOT.getTime() + 7 * 86_400_000));
      const second = text(connector.messagesTo(CONVERSATIONS.personal)[1]?.attachments?.[0]?.content);
      assert.match(second, /No change since last week|since last week/);
      assert.doesNotMatch(second, /First digest/);
    } finally {
      await app.stop();
    }
  });

  it('sends nothing twice when the process restarts in the middle of a digest', async () => {
    const first = await start(database.url, connector);
    await subscribeAll(first.app, first.chat);
    connector.reset();
    // The group chat's send hangs: the first process stops while it is in flight.
    const held = connector.hold(CONVERSATIONS.group);
    const running = first.app.bot.services.digest.runWeekly(SLOT).catch(() => undefined);
    await held.arrived;
    await first.app.stop();

    const second = await start(database.url, connector);
    try {
      const digestId = await second.app.bot.services.digest.runWeekly(SLOT);
      held.release();
      await running;
      await waitFor(
        'the pending delivery to go out',
        async () => (await statuses(second.app, digestId))[CONVERSATIONS.personal] === 'sent',
      );
      // Everyone got the digest at most once; the delivery cut off mid-send is not repeated.
      for (const id of Object.values(CONVERSATIONS))
        assert.ok(connector.messagesTo(id).length <= 1, `${id} got ${connector.messagesTo(id).length}`);
      assert.equal(connector.messagesTo(CONVERSATIONS.personal).length, 1);
      assert.equal(connector.messagesTo(CONVERSATIONS.channel).length, 1);
      assert.equal(
        (await statuses(second.app, digestId))[CONVERSATIONS.group],
        'sending',
        'left to its lease, not resent',
      );
    } finally {
      await second.app.stop();
    }
  });

  it('answers "digest now" with a digest card in the conversation, for anyone', async () => {
    const { app, chat } = await start(database.url, connector);
    try {
      await postActivity(app.endpoint, say(chat, 'group', 'digest now'));
      const card = connector.messages()[0]?.attachments?.[0]?.content;
      assert.match(text(card), /Weekly license digest/);
      assert.deepEqual(cardProblems(card), []);
    } finally {
      await app.stop();
    }
  });
});
