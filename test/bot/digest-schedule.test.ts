import assert from 'node:assert/strict';
import { DIGEST_SCHEDULE_SETTING } from '../../src/bot/digest/schedule-setting';
import { AuditEvent, Setting } from '../../src/store';
import { startTestApp } from '../helpers/app';
import { postActivity, say } from '../helpers/activities';
import { FakeConnector } from '../helpers/connector';
import { testDatabase } from '../helpers/test-database';
import { startHarness, text, type Harness } from './harness';

/** A Wednesday noon: no Monday 09:00 digest was missed in the day before it. */
const WEDNESDAY = new Date('2025-11-26T12:00:00Z');

describe('digest schedule: five cron fields, at most once a day', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness({ sync: false });
  });
  after(async () => h.stop());

  const stored = () => h.app.store.getRepository(Setting).findOneBy({ key: DIGEST_SCHEDULE_SETTING });
  const audited = (outcome: string) =>
    h.app.store.getRepository(AuditEvent).countBy({ action: 'digest.schedule', outcome });

  it('refuses seconds and anything more often than daily, says what is allowed, changes nothing and audits the refusal', async () => {
    const patterns = ['* * * * * *', '0 0 9 * * 1', '0 9,10 * * 1', '*/5 * * * *', '0 9 * *', '0 9 31 2 *'];
    for (const pattern of patterns) {
      const card = await h.card(`digest schedule ${pattern}`);
      assert.match(text(card), /That schedule does not work/, pattern);
      assert.match(text(card), /five cron fields .*at most once a day, e\.g\. `0 9 \* \* 1`/, pattern);
    }
    assert.equal(await stored(), null, 'no setting written');
    assert.equal(await audited('refused'), patterns.length);
    assert.equal(await audited('ok'), 0);
    assert.match(text(await h.card('digest')), /0 9 \* \* 1 \(UTC\)/, 'still the default schedule');
  });

  it('accepts a daily schedule at 09:00 or midnight, and a weekly one in a time zone', async () => {
    for (const [command, cron, timezone] of [
      ['0 9 * * *', '0 9 * * *', 'UTC'],
      ['0 0 * * * Europe/Berlin', '0 0 * * *', 'Europe/Berlin'],
      ['30 2 * * MON Europe/Berlin', '30 2 * * MON', 'Europe/Berlin'],
    ] as const) {
      assert.match(text(await h.card(`digest schedule ${command}`)), /Digest schedule changed/, command);
      assert.deepEqual((await stored())?.value, { cron, timezone });
    }
  });
});

describe('digest schedule written by an older version', function () {
  this.timeout(60_000);

  it('runs on the default schedule, not every second, and logs why', async () => {
    const database = await testDatabase();
    const connector = await new FakeConnector().start();
    const conversationId = 'a:digest-every-second';
    try {
      const first = await startTestApp(
        { DATABASE_URL: database.url },
        { syncAtStart: false, demoUsers: 200, digestSchedule: false },
      );
      const chat = { serviceUrl: connector.url, tenantId: first.simulator!.tenantId };
      assert.equal(
        (await postActivity(first.endpoint, say(chat, 'personal', 'digest subscribe', { conversationId }))).status,
        200,
      );
      // What an older version accepted: a sixth field, read by croner as seconds.
      await first.store.getRepository(Setting).save({
        key: DIGEST_SCHEDULE_SETTING,
        value: { cron: '* * * * * *', timezone: 'UTC' },
        updatedAt: WEDNESDAY.toISOString(),
        updatedBy: 'old-version',
      });
      await first.stop();
      connector.reset();

      const second = await startTestApp(
        { DATABASE_URL: database.url },
        { syncAtStart: false, demoUsers: 200, digestSchedule: true, now: () => WEDNESDAY },
      );
      try {
        await new Promise((resolve) => setTimeout(resolve, 2500));
        assert.equal(connector.messagesTo(conversationId).length, 0, 'no digest in 2.5 s');
        assert.ok(
          second.logLines.some((l) => l.includes('the digest schedule setting is invalid; the default is used')),
        );
        assert.deepEqual(await second.bot.services.digest.schedule(), { cron: '0 9 * * 1', timezone: 'UTC' });
      } finally {
        await second.stop();
      }
    } finally {
      await connector.stop();
      await database.cleanup();
    }
  });
});
