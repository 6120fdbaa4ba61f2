import assert from 'node:assert/strict';
import {
  copilotOverview,
  copilotSeat,
  DEFAULT_POLICY,
  Insights,
  type CopilotSeat,
  type Policy,
} from '../../src/insights';
import { DAY_MS, dayOf } from '../../src/insights/dates';
import { DEFAULT_GRANTS, NAMED_PEOPLE_IDS } from '../../src/simulator';
import { CopilotActivity, SuspiciousActivity } from '../../src/store';
import { INTEGRATION_TASKS } from '../../src/tasks/registry';
import { assignLicense } from '../helpers/reclamation';
import { startSyncBed, type SyncBed } from '../helpers/sync';

const COPILOT = '639dec6b-bb19-468b-871c-c5c441c4b0cb';
const policy = (p: Partial<Policy> = {}): Policy => ({ ...DEFAULT_POLICY, ...p });

/**
 * The idle-Copilot-seat rule over a simulated tenant synced through the real tasks, Graph client
 * (HTTPS) and SQLite store, compared with the simulator's ground truth: what each holder really did
 * and when their seat was assigned.
 */
describe('Copilot seats: the idle rule over a synced tenant (HTTP + simulator + SQLite)', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  const seatOf = async (id: string, p = policy(), now = new Date()) => (await copilotSeat(bed.dataSource, id, p, now))!;
  // Full: each re-run must read the reports again (an incremental run reads them once a day).
  const access = () => bed.run(INTEGRATION_TASKS.access, 'full');

  before(async () => {
    bed = await startSyncBed({ users: 1000, seed: 11 });
    await bed.syncAll();
  });
  after(async () => bed?.stop());

  it("reads every holder's last Copilot use per app as the report shows it (a day, at most the refresh date)", async () => {
    const refresh = bed.sim.control.summary().reportRefreshDate;
    const holders = bed.sim.control.usersInCategory('copilot');
    assert.ok(holders.length > 30, `only ${holders.length} Copilot holders`);
    const rows = new Map((await bed.dataSource.getRepository(CopilotActivity).find()).map((r) => [r.userId, r]));
    for (const id of holders) {
      const truth = bed.sim.control.userTruth(id).copilot!;
      const shown = (iso: string | null) => (iso ? [iso.slice(0, 10), refresh].sort()[0]! : null);
      const row = rows.get(id);
      assert.equal(row?.lastActivityDate ?? null, shown(truth.lastUse), id);
      assert.equal(row?.teams ?? null, shown(truth.apps['teams'] ?? null), id);
      assert.equal(row?.chat ?? null, shown(truth.apps['chat'] ?? null), id);
      if (row) assert.equal(row.reportRefreshDate, refresh);
    }
  });

  it('never used since assignment, past the grace period: a flagged seat, idle since its assignment date', async () => {
    const alex = await seatOf(NAMED_PEOPLE_IDS['alex']!);
    const truth = bed.sim.control.userTruth(alex.userId);
    assert.ok(truth.categories.includes('copilot-never'));
    assert.equal(alex.state, 'never');
    assert.equal(alex.status, 'flagged');
    assert.equal(alex.lastUse, null);
    assert.equal(alex.assignedAt, truth.copilot!.assignedAt);
    assert.equal(alex.daysIdle, Math.floor((Date.now() - Date.parse(truth.copilot!.assignedAt!)) / DAY_MS));
    assert.deepEqual(alex.monthlyCost, { amount: '30.00', currency: 'USD', source: 'list-price' });
    assert.equal(alex.confidence.level, 'high');
  });

  it('used, then not for the idle span: idle, with the last use per app; used recently: active', async () => {
    const nestor = await seatOf(NAMED_PEOPLE_IDS['nestor']!);
    assert.equal(nestor.state, 'idle');
    assert.equal(nestor.status, 'flagged');
    assert.deepEqual(
      nestor.apps
        .filter((a) => a.date)
        .map((a) => a.label)
        .sort(),
      ['Copilot Chat', 'Teams'],
    );
    assert.ok(nestor.daysIdle! >= 44 && nestor.daysIdle! <= 47, String(nestor.daysIdle));
    // The idle span is a policy key: at 60 days Nestor is not idle yet.
    assert.equal((await seatOf(NAMED_PEOPLE_IDS['nestor']!, policy({ copilotIdleDays: 60 }))).state, 'active');
    const johanna = await seatOf(NAMED_PEOPLE_IDS['johanna']!);
    assert.equal(johanna.state, 'active');
    assert.equal(johanna.status, null);
  });

  it('agrees with the ground truth on every holder: never, idle 30+ days, or neither', async () => {
    const now = Date.now();
    for (const id of bed.sim.control.usersInCategory('copilot')) {
      const truth = bed.sim.control.userTruth(id);
      const seat = await seatOf(id);
      const assigned = Date.parse(truth.copilot!.assignedAt!);
      const c = new Set(truth.categories);
      if (now - assigned < 14 * DAY_MS)
        assert.ok(seat.state === 'grace' || seat.state === 'active', `${id} ${seat.state}`);
      else if (c.has('copilot-never')) assert.equal(seat.state, 'never', id);
      // The report lags up to three days: a use 30 to 33 days ago is given the benefit of the doubt.
      else if (c.has('copilot-idle-30') && now - Date.parse(truth.copilot!.lastUse!) > 34 * DAY_MS)
        assert.equal(seat.state, 'idle', id);
      else if (!c.has('copilot-idle-30')) assert.equal(seat.state, 'active', id);
    }
  });

  it('grace: a seat assigned today is left alone for copilotGraceDays, then idle since that day', async () => {
    const candidate = bed.sim.control.usersInCategory('member').find((id) => {
      const t = bed.sim.control.userTruth(id);
      return t.accountEnabled && t.usageLocation && !t.categories.includes('copilot') && t.licenses.length > 0;
    })!;
    await assignLicense(bed, candidate, [{ skuId: COPILOT, disabledPlans: [] }], []);
    await bed.syncAll();
    const today = await seatOf(candidate);
    assert.equal(today.state, 'grace');
    assert.equal(today.status, null);
    assert.equal(
      today.assignedAt,
      bed.sim.control.userTruth(candidate).copilot!.assignedAt,
      "the assignment date is the license state's lastUpdatedDateTime",
    );
    const later = await seatOf(candidate, policy(), new Date(Date.now() + 15 * DAY_MS));
    assert.equal(later.state, 'never');
    assert.equal(later.daysIdle, 15);
    assert.equal(
      (await seatOf(candidate, policy({ copilotGraceDays: 20 }), new Date(Date.now() + 15 * DAY_MS))).state,
      'grace',
    );
  });

  it('holds back the seats of users the policy excludes, each with the reason', async () => {
    const upn = bed.sim.control.userTruth(NAMED_PEOPLE_IDS['alex']!).userPrincipalName;
    const alex = await seatOf(NAMED_PEOPLE_IDS['alex']!, policy({ excludedUsers: [upn] }));
    assert.equal(alex.status, 'excluded');
    assert.deepEqual(
      alex.exclusions.map((e) => e.code),
      ['named-user'],
    );
  });

  it('the overview: seats bought and assigned as Graph says, holders active in 7 and 30 days, idle seats and their monthly cost', async () => {
    const o = await copilotOverview(bed.dataSource, policy(), new Date());
    const seats = bed.sim.control.summary().licenses.find((l: { skuId: string }) => l.skuId === COPILOT) as {
      enabled: number;
      consumed: number;
    };
    assert.equal(o.purchased, seats.enabled);
    assert.equal(o.assigned, seats.consumed);
    assert.equal(o.free, seats.enabled - seats.consumed);
    assert.ok(o.active30 > 0 && o.active30 < o.holders && o.active7 <= o.active30, JSON.stringify(o));
    assert.ok(
      o.apps.find((a) => a.app === 'teams')!.active30 > o.apps.find((a) => a.app === 'loop')!.active30,
      'adoption differs per app',
    );
    assert.ok(o.idle.flagged > 0);
    assert.deepEqual(o.monthlyAtStake, [{ currency: 'USD', amount: `${o.idle.flagged * 30}.00` }]);
  });

  it('a report answered as JSON is read the same as the CSV stream', async () => {
    await access();
    const before = await bed.dataSource.getRepository(CopilotActivity).find({ order: { userId: 'ASC' } });
    await bed.dataSource.getRepository(CopilotActivity).clear();
    bed.sim.control.setFaults({ copilotReportJson: true });
    try {
      const run = await access();
      assert.equal(run.status, 'succeeded');
      const after = await bed.dataSource.getRepository(CopilotActivity).find({ order: { userId: 'ASC' } });
      assert.deepEqual(
        after.map(({ updatedAt: _, ...r }) => r),
        before.map(({ updatedAt: _, ...r }) => r),
      );
    } finally {
      bed.sim.control.setFaults({ copilotReportJson: false });
    }
  });

  it('concealed names: the rows become suspicious activities and no seat is called idle until names show again', async () => {
    const flagged = (await copilotOverview(bed.dataSource, policy(), new Date())).idle.flagged;
    bed.sim.control.setFaults({ concealedNames: true });
    try {
      const run = await access();
      assert.equal(
        await bed.dataSource.getRepository(SuspiciousActivity).countBy({ report: 'copilot' }),
        bed.sim.control.usersInCategory('copilot').length,
      );
      // Said once in the run, with the other reports whose names were concealed.
      const said = run.skipped.filter((p) => p.part === 'matching concealed report rows to users');
      assert.equal(said.length, 1);
      assert.match(said[0]!.reason, /\(activeUsers, emailActivity, copilot\)/);
      assert.equal(run.status, 'partial');
      // `suspicious` names the report, and shows each row's last activity.
      const suspicious = await new Insights(bed.dataSource).suspicious({ pageSize: 500 });
      assert.equal(
        suspicious.byReport.find((r) => r.report === 'copilot')?.label,
        'Microsoft 365 Copilot usage (getMicrosoft365CopilotUsageUserDetail)',
      );
      assert.ok(
        suspicious.items.some((r) => r.report === 'copilot' && /^\d{4}-\d\d-\d\d$/.test(r.lastActivityDate ?? '')),
      );
      const o = await copilotOverview(bed.dataSource, policy(), new Date());
      assert.equal(o.idle.flagged, 0);
      assert.equal(o.idle.excluded, flagged);
      assert.equal(o.confidence.level, 'low');
      const alex: CopilotSeat = await seatOf(NAMED_PEOPLE_IDS['alex']!);
      assert.deepEqual(
        alex.exclusions.map((e) => e.code),
        ['insufficient-data'],
      );
      assert.match(alex.confidence.notes[0]!.text, /conceals user names/);
    } finally {
      bed.sim.control.setFaults({ concealedNames: false });
    }
    await access();
    assert.equal((await copilotOverview(bed.dataSource, policy(), new Date())).idle.flagged, flagged);
  });

  it('without Reports.Read.All the Copilot part is skipped, the run ends partial and no seat is called idle', async () => {
    bed.sim.control.setFaults({ revoke: ['Reports.Read.All'] });
    try {
      const run = await access();
      assert.equal(run.status, 'partial');
      // `suspicious` names the report, and shows each row's last activity.
      const suspicious = await new Insights(bed.dataSource).suspicious({ pageSize: 500 });
      assert.equal(
        suspicious.byReport.find((r) => r.report === 'copilot')?.label,
        'Microsoft 365 Copilot usage (getMicrosoft365CopilotUsageUserDetail)',
      );
      assert.ok(
        suspicious.items.some((r) => r.report === 'copilot' && /^\d{4}-\d\d-\d\d$/.test(r.lastActivityDate ?? '')),
      );
      assert.ok(
        run.skipped.some((s) => /Copilot/.test(s.part) && s.permission === 'Reports.Read.All'),
        JSON.stringify(run.skipped),
      );
      const o = await copilotOverview(bed.dataSource, policy(), new Date());
      assert.equal(o.idle.flagged, 0);
      assert.match(o.confidence.notes.map((n) => n.text).join(' '), /Copilot use unknown/);
    } finally {
      bed.sim.control.setFaults({ grant: [...DEFAULT_GRANTS] });
    }
  });

  it('a date once read stays when a later report shows none (a shorter period never erases a use)', async () => {
    const row = await bed.dataSource
      .getRepository(CopilotActivity)
      .findOneByOrFail({ userId: NAMED_PEOPLE_IDS['nestor']! });
    await bed.dataSource
      .getRepository(CopilotActivity)
      .update({ userId: row.userId }, { word: dayOf(Date.now() - 80 * DAY_MS) });
    await access();
    const again = await bed.dataSource.getRepository(CopilotActivity).findOneByOrFail({ userId: row.userId });
    assert.equal(again.word, dayOf(Date.now() - 80 * DAY_MS));
    assert.equal(again.teams, row.teams);
  });

  it('a same-day incremental run, which does not read the report again, says what the last read said: seats known, concealment kept', async () => {
    const incremental = () => bed.run(INTEGRATION_TASKS.access, 'incremental');
    const flagged = async () => (await copilotOverview(bed.dataSource, policy(), new Date())).idle.flagged;
    await access();
    const read = await flagged();
    assert.ok(read > 0);
    const again = await incremental();
    assert.equal(again.counts['reportsSkipped'], 3, 'the reports were not read again');
    assert.equal(await flagged(), read, 'the seats are as known as after the read');
    bed.sim.control.setFaults({ concealedNames: true });
    try {
      await access();
      assert.equal(await flagged(), 0);
      await incremental();
      assert.equal(await flagged(), 0, 'still no seat called idle: the report read today concealed its names');
    } finally {
      bed.sim.control.setFaults({ concealedNames: false });
      await access();
    }
  });
});
