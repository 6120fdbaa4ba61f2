import assert from 'node:assert/strict';
import { TaskLocks, TaskRun } from '../../src/store';
import { startHarness, text, waitFor, type Harness } from './harness';

describe('sync from Teams', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    // Not synced at start: the `sync` command does it.
    h = await startHarness({ sync: false });
  });
  after(async () => h.stop());

  it('answers at once with a "started" card, edits it as the tasks progress, and posts the result', async () => {
    const replies = await h.send('sync', 'channel');
    assert.equal(replies.length, 1);
    const started = replies[0]!;
    assert.match(text(started.attachments?.[0]?.content), /Sync started.*Queued/);

    const result = () =>
      h.connector
        .messagesTo(h.connector.sent.find((s) => s.activity.id === started.id)!.conversationId)
        .filter((m) => /Application Task Tracking/.test(text(m.attachments?.[0]?.content)));
    await waitFor('the result message', () => result().length === 1, 40_000);
    await h.app.bot.services.background.idle();

    const edits = h.connector.updates.filter((u) => u.activityId === started.id);
    assert.ok(edits.length >= 1, 'the started card was updated in place');
    assert.match(
      text(edits.at(-1)!.activity.attachments?.[0]?.content),
      /Sync finished/,
      'the last edit says it finished',
    );
    const runs = await h.app.store.getRepository(TaskRun).findBy({ trigger: 'manual' });
    assert.deepEqual(runs.map((r) => r.task).sort(), ['access', 'licenses', 'roster']);
    assert.ok(runs.every((r) => r.status === 'succeeded' || r.status === 'partial'));
    assert.match(text(result()[0]!.attachments?.[0]?.content), /Succeeded|Partial/);
  });

  it('runs one task when named, and says so when that task is already running elsewhere', async () => {
    const before = await h.app.store.getRepository(TaskRun).countBy({ task: 'licenses' });
    // Another instance holds the licenses lock: this sync must not start a second run.
    const locks = new TaskLocks(h.app.store);
    assert.ok(await locks.acquire('licenses', 'other-host:42', new Date(), 60_000));
    try {
      const [reply] = await h.send('sync licenses');
      assert.match(text(reply!.attachments?.[0]?.content), /License Information/);
      assert.doesNotMatch(text(reply!.attachments?.[0]?.content), /Application Roster/);
      await h.app.bot.services.background.idle();
      const edit = h.connector.updates.filter((u) => u.activityId === reply!.id).at(-1);
      assert.match(text(edit?.activity.attachments?.[0]?.content), /Not started.*already running/);
      assert.equal(await h.app.store.getRepository(TaskRun).countBy({ task: 'licenses' }), before);
    } finally {
      await locks.release('licenses', 'other-host:42');
    }
  });
});
