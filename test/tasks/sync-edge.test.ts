import assert from 'node:assert/strict';
import { join } from 'node:path';
import { IsNull } from 'typeorm';
import { reportCommand } from '../../src/cli/report';
import { DEFAULT_POLICY, listFindings, summary } from '../../src/insights';
import { createLogger } from '../../src/logging/logger';
import { AppActivity, GroupMember, openStore, Setting, SuspiciousActivity, TenantUser } from '../../src/store';
import { accessTask } from '../../src/tasks/access';
import { licensesTask } from '../../src/tasks/licenses';
import { rosterTask } from '../../src/tasks/roster';
import { runTask } from '../../src/tasks/runner';
import { startSyncBed, type SyncBed } from '../helpers/sync';
import { tempDir } from '../helpers/temp-dir';
import { cli } from '../cli/helpers';

describe('integration tasks: tenant settings and interruptions', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  afterEach(() => bed.stop());

  it('in a tenant without Entra ID P1, roster and access end partial and say the licence is missing', async () => {
    bed = await startSyncBed({ users: 300, premium: false });
    const [, roster, access] = await bed.syncAll();
    assert.equal(roster?.status, 'partial');
    assert.ok(
      roster?.skipped.some((s) => /Sign in/.test(s.part) && /Entra ID P1/.test(s.reason)),
      JSON.stringify(roster?.skipped),
    );
    assert.equal(access?.status, 'partial');
    assert.ok(
      access?.skipped.some((s) => /sign-in log/.test(s.part) && /Entra ID P1/.test(s.reason)),
      JSON.stringify(access?.skipped),
    );
    assert.equal(await bed.dataSource.getRepository(TenantUser).count(), 300);
  });

  it('turns concealed rows of every report into suspicious activities, and the runs, summary and report say how to show names', async () => {
    bed = await startSyncBed({ users: 300, concealedNames: true });
    await bed.run(licensesTask);
    const roster = await bed.run(rosterTask);
    assert.equal(roster.status, 'partial');
    assert.ok(
      roster.skipped.some((s) => /concealed/.test(s.part) && /Org settings > Reports/.test(s.reason)),
      JSON.stringify(roster.skipped),
    );
    const suspicious = await bed.dataSource.getRepository(SuspiciousActivity).find();
    assert.ok(suspicious.length > 0);
    for (const row of suspicious) assert.match(row.concealedName, /^[0-9A-F]{32}$/);
    // Nobody was matched through a concealed row: no user has report-derived usage.
    assert.equal(
      await bed.dataSource.getRepository(TenantUser).count({ where: { mailUsageMb: IsNull(), usesWindows: IsNull() } }),
      300,
    );

    // The access task's three reports too (the Copilot report's holders included): counted, recorded, and the run says so with the fix (it said "succeeded").
    const access = await bed.run(accessTask);
    assert.equal(access.status, 'partial');
    const part = access.skipped.find((s) => /concealed/.test(s.part));
    assert.match(
      part?.reason ?? '',
      /\(activeUsers, emailActivity, copilot\).*suspicious activities.*Org settings > Reports/,
    );
    const byReport = async (report: string) => bed.dataSource.getRepository(SuspiciousActivity).countBy({ report });
    assert.ok(
      (await byReport('activeUsers')) > 0 && (await byReport('emailActivity')) > 0 && (await byReport('copilot')) > 0,
    );
    assert.equal(
      access.counts['suspicious'],
      (await byReport('activeUsers')) + (await byReport('emailActivity')) + (await byReport('copilot')),
    );
    assert.equal(await bed.dataSource.getRepository(AppActivity).countBy({ source: 'report' }), 0);

    // `summary` says so, with the fix; `report suspicious` lists them.
    const s = await summary(bed.dataSource, DEFAULT_POLICY, new Date());
    assert.equal(s.suspicious, await bed.dataSource.getRepository(SuspiciousActivity).count());
    assert.match(
      s.confidence.notes.find((n) => n.code === 'reports-concealed')?.text ?? '',
      /suspicious activities.*Org settings > Reports/,
    );
    const json = await cli(reportCommand, ['suspicious', '--format', 'json'], { store: bed.dataSource });
    const listed = JSON.parse(json.stdout) as {
      fix: string;
      total: number;
      groups: { report: string; rows: number }[];
      items: { report: string; concealedName: string }[];
    };
    assert.equal(listed.total, s.suspicious);
    assert.equal(listed.items.length, s.suspicious);
    assert.match(listed.fix, /Display concealed user, group, and site names in all reports/);
    assert.deepEqual(listed.groups.map((g) => g.report).sort(), [
      'activations',
      'activeUsers',
      'copilot',
      'emailActivity',
      'm365apps',
      'mailbox',
      'onedrive',
    ]);
    for (const item of listed.items) assert.match(item.concealedName, /^[0-9A-F]{32}$/);
  });

  it('in a tenant whose mailbox report names no mailbox types, says so on every finding, blocked ones included', async () => {
    bed = await startSyncBed({ users: 300, mailboxRecipientType: false });
    await bed.syncAll();
    const note = async () => {
      const blocked = await listFindings(bed.dataSource, { kind: 'blocked', pageSize: 5 }, DEFAULT_POLICY, new Date());
      assert.ok(blocked.total > 0);
      return blocked.items.map((f) => f.confidence.notes.some((n) => n.code === 'mailbox-type-unknown'));
    };
    assert.ok((await note()).every(Boolean), 'each blocked finding says mailbox types are unknown');
    bed.sim.control.setFaults({ mailboxRecipientType: true });
    await bed.run(rosterTask, 'full');
    assert.ok(!(await note()).some(Boolean), 'gone once the report names them');
  });

  it('a run that dies mid-listing deactivates nobody, and the next run completes', async () => {
    bed = await startSyncBed({ users: 2500 }, { maxAttempts: 1, budgetMs: 1000, baseDelayMs: 1, maxDelayMs: 1 });
    await bed.run(rosterTask);
    bed.sim.control.setFaults({ dropConnectionOnUsersPage: 3 });
    const broken = await bed.run(rosterTask, 'full');
    assert.equal(broken.status, 'failed');
    const deactivated = await bed.dataSource
      .getRepository(TenantUser)
      .createQueryBuilder('u')
      .where('u.deactivatedDate IS NOT NULL')
      .getCount();
    assert.equal(deactivated, 0);
    const next = await bed.run(rosterTask, 'full');
    assert.equal(next.status, 'succeeded', next.error ?? '');
    assert.equal(next.counts.deactivated, 0);
  });

  it('the first access run asks the sign-in log for the last 30 days only', async () => {
    bed = await startSyncBed({ users: 300 });
    await bed.run(rosterTask);
    bed.sim.control.clearCalls();
    await bed.run(accessTask);
    const queries = bed.sim.control
      .calls()
      .filter((c) => c.path.endsWith('/auditLogs/signIns'))
      .map((c) => decodeURIComponent(c.query));
    assert.ok(queries.length >= 3);
    for (const query of queries) {
      const since = /createdDateTime ge (\S+)/.exec(query)?.[1];
      assert.ok(since, query);
      const days = (Date.now() - Date.parse(since)) / 86_400_000;
      assert.ok(days > 29.99 && days < 30.01, `${since} is ${days} days ago`);
    }
  });

  it('two schedulers on one database run a task once', async () => {
    bed = await startSyncBed({ users: 300 });
    const dir = tempDir();
    const path = join(dir.path, 'shared.sqlite');
    const a = await openStore({ type: 'sqlite', path });
    const b = await openStore({ type: 'sqlite', path });
    const log = createLogger({ level: 'silent', secrets: [] });
    try {
      const results = await Promise.all([
        runTask(licensesTask, { graph: bed.graph, dataSource: a, log, trigger: 'schedule' }),
        runTask(licensesTask, { graph: bed.graph, dataSource: b, log, trigger: 'schedule' }),
      ]);
      assert.deepEqual(results.map((r) => r.started).sort(), [false, true]);
      assert.equal(bed.sim.control.calls().filter((c) => c.path.endsWith('/subscribedSkus')).length, 1);
    } finally {
      await a.destroy();
      await b.destroy();
      dir.cleanup();
    }
  });
});

describe('roster: members of the groups the policy excludes', function () {
  this.timeout(60_000);
  it('are read from Graph (by group name) and stored, so the exclusion is decided in the database', async () => {
    const bed = await startSyncBed({ users: 500 });
    try {
      await bed.dataSource.getRepository(Setting).save({
        key: 'policy.excludedGroups',
        value: ['License Steward - Excluded'],
        updatedAt: new Date().toISOString(),
        updatedBy: 'test',
      });
      const run = await bed.run(rosterTask);
      assert.equal(run.status, 'succeeded', run.error ?? JSON.stringify(run.skipped));
      const members = await bed.dataSource.getRepository(GroupMember).find();
      const truth = bed.sim.control.usersInCategory('in-exclusion-group');
      assert.ok(truth.length > 0);
      assert.deepEqual(members.map((m) => m.userId).sort(), truth.map((id) => id.toLowerCase()).sort());
    } finally {
      await bed.stop();
    }
  });
});
