import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { reportCommand } from '../../src/cli/report';
import { cli } from '../cli/helpers';
import { AuditEvent, ConversationRef } from '../../src/store';
import { TENANTS_PER_HOUR } from '../../src/store/foreign-activity';
import { invokeActivity, postActivity, say, TEST_TENANT, type Chat } from '../helpers/activities';
import { startTestApp, type TestApp } from '../helpers/app';
import { FakeConnector } from '../helpers/connector';

describe('activities from other tenants in the audit history', function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: FakeConnector;
  let clock = new Date('2025-11-24T10:05:00Z');
  before(async () => {
    connector = await new FakeConnector().start();
    app = await startTestApp({}, { syncAtStart: false, demoUsers: 200, digestSchedule: false, now: () => clock });
  });
  after(async () => {
    await app.stop();
    await connector.stop();
  });

  const served = (): Chat => ({ serviceUrl: connector.url, tenantId: app.simulator!.tenantId });
  const from = (tenantId: string): Chat => ({ serviceUrl: connector.url, tenantId });
  const post = async (activity: object) => assert.equal((await postActivity(app.endpoint, activity)).status, 200);
  const counted = () =>
    app.store.getRepository(AuditEvent).find({ where: { action: 'tenant.refused' }, order: { id: 'ASC' } });

  it('counts 50 refused activities of one tenant within an hour in one row, the next hour in a second, and stores nothing else', async () => {
    for (let batch = 0; batch < 5; batch++) {
      // Ten at once: two requests may both find no row for the hour yet.
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          i % 2
            ? post(
                invokeActivity(
                  from(TEST_TENANT),
                  'personal',
                  'summary.open',
                  {},
                  { conversationId: `a:foreign-${batch}-${i}` },
                ),
              )
            : post(
                say(from(TEST_TENANT), 'group', 'summary', {
                  conversationId: `19:foreign-${batch}-${i}@unq.gbl.spaces`,
                }),
              ),
        ),
      );
      clock = new Date(clock.getTime() + 10 * 60_000);
    }
    for (const text of ['help', 'summary']) await post(say(served(), 'personal', text));

    const [row, ...others] = await counted();
    assert.equal(others.length, 0, 'one row for the hour');
    assert.deepEqual(
      {
        subject: `${row!.subjectType} ${row!.subjectId}`,
        hour: row!.hour,
        count: row!.count,
        outcome: row!.outcome,
        actor: row!.actor,
        at: row!.at,
      },
      {
        subject: `tenant ${TEST_TENANT}`,
        hour: '2025-11-24T10',
        count: 50,
        outcome: 'refused',
        actor: 'unknown',
        at: '2025-11-24T10:05:00.000Z',
      },
    );
    assert.equal(
      await app.store.getRepository(AuditEvent).count(),
      1,
      "the served tenant's activities add no audit row",
    );
    assert.equal(
      await app.store.getRepository(ConversationRef).countBy({ tenantId: TEST_TENANT }),
      0,
      'no conversation of the other tenant',
    );

    clock = new Date('2025-11-24T11:00:00Z');
    await post(say(from(TEST_TENANT), 'personal', 'help'));
    assert.deepEqual(
      (await counted()).map((r) => [r.hour, r.count]),
      [
        ['2025-11-24T10', 50],
        ['2025-11-24T11', 1],
      ],
    );

    const csv = await cli(reportCommand, ['history', '--format', 'csv'], { store: app.store, now: clock });
    assert.equal(csv.code, 0, csv.stderr);
    const rows = (parse(csv.stdout, { columns: true }) as Record<string, string>[]).filter(
      (r) => r['Action'] === 'tenant.refused',
    );
    assert.deepEqual(
      rows.map((r) => [r['Subject'], r['Outcome'], r['Count']]),
      [
        [`tenant ${TEST_TENANT}`, 'refused', '50'],
        [`tenant ${TEST_TENANT}`, 'refused', '1'],
      ],
    );
  });

  it(`counts at most ${TENANTS_PER_HOUR} made-up tenants an hour; the rest share one row`, async () => {
    clock = new Date('2025-11-24T12:00:00Z');
    for (let i = 0; i < TENANTS_PER_HOUR + 5; i++) await post(say(from(randomUUID()), 'personal', 'help'));
    const hour = (await counted()).filter((r) => r.hour === '2025-11-24T12');
    assert.equal(hour.length, TENANTS_PER_HOUR + 1);
    assert.deepEqual(
      hour.filter((r) => r.subjectId === 'other').map((r) => r.count),
      [5],
    );
  });
});
