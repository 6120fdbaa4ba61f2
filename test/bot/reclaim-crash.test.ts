import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listFindings, PolicyStore } from '../../src/insights';
import { createRequests, planReclamation } from '../../src/reclamation/plan';
import { AuditEvent, Sku, UserLicense, type ReclamationRequest } from '../../src/store';
import { invokeActivity, postActivity, type Chat } from '../helpers/activities';
import { startTestApp } from '../helpers/app';
import { FakeConnector } from '../helpers/connector';
import { assignCalls, planDeps, REQUESTER, reclamationService } from '../helpers/reclamation';
import { startSyncBed, type SyncBed } from '../helpers/sync';
import { tempDir } from '../helpers/temp-dir';
import { executeActions, text, waitFor, type Card } from './harness';

const ROOT = resolve(__dirname, '..', '..');

/**
 * The process dies while its assignLicense is in flight; the write lands only after the next start
 * settled the request (still licensed, so failed). Retry must find the removal done: reclaimed,
 * counted, with Undo, and no second write. The first process is a real child process killed with
 * SIGKILL; the tenant simulator and the database outlive it, as Graph and the store would.
 */
describe('a removal that lands after a crash (child process + simulator + SQLite)', function () {
  this.timeout(180_000);
  let bed: SyncBed;
  let dir: ReturnType<typeof tempDir>;
  let env: Record<string, string>;

  before(async () => {
    bed = await startSyncBed({ users: 200, seed: 1 });
    await bed.syncAll();
    dir = tempDir();
    writeFileSync(join(dir.path, 'simulator.pem'), bed.sim.ca);
    env = {
      DATABASE_URL: bed.databaseUrl,
      GRAPH_TENANT_ID: bed.sim.tenantId,
      GRAPH_CLIENT_ID: bed.sim.clientId,
      GRAPH_CLIENT_SECRET: bed.sim.clientSecret,
      GRAPH_BASE_URL: bed.sim.url,
      GRAPH_AUTHORITY_HOST: bed.sim.authorityHost,
      GRAPH_CA_FILE: join(dir.path, 'simulator.pem'),
    };
  });
  after(async () => {
    await bed.stop();
    dir.cleanup();
  });

  /** An approved request for an inactive user's license, as the approver's click leaves it. */
  async function approvedRequest(): Promise<ReclamationRequest> {
    const deps = planDeps(bed);
    const inactive = await listFindings(
      bed.dataSource,
      { kind: 'inactive', pageSize: 100 },
      await new PolicyStore(bed.dataSource).get(),
      new Date(),
    );
    for (const f of inactive.items) {
      const plan = await planReclamation(deps, f.userPrincipalName, REQUESTER);
      if (!plan.items.length) continue;
      const [created] = await createRequests(bed.dataSource, { ...plan, items: plan.items.slice(0, 1) }, REQUESTER, {
        dryRun: false,
        expiryDays: 7,
        now: new Date(),
      });
      assert.ok((await reclamationService(bed).approve(created!.id, created!.approverId, created!.version)).ok);
      return (await reclamationService(bed).requests.get(created!.id))!;
    }
    assert.fail('an inactive user with a license to request');
  }

  /** Starts the app in its own process; it runs the approved request at start-up. */
  function startChild() {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'warn', ...env },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    return { child, exited, output: () => output };
  }

  it('write in flight → process killed → restart reconcile → write lands → Retry: reclaimed, one assignLicense, seat freed, Undo offered', async () => {
    const request = await approvedRequest();
    const seats = async () =>
      (await bed.dataSource.getRepository(Sku).findOneByOrFail({ skuId: request.skuId })).consumedUnits;
    const seatsBefore = await seats();
    bed.sim.control.clearCalls();
    bed.sim.control.setFaults({ lateAssignLicense: { answer: 'dropConnection' } });

    const first = startChild();
    try {
      await waitFor(
        `the first process's assignLicense to arrive\n${first.output()}`,
        () => bed.sim.control.heldWrites() === 1,
        90_000,
      );
    } finally {
      first.child.kill('SIGKILL');
      await first.exited;
    }
    const stuck = (await reclamationService(bed).requests.get(request.id))!;
    assert.equal(stuck.state, 'executing', 'the kill left it executing');
    assert.ok(stuck.writeSentAt, 'the write was marked as sent before it went out');

    const connector = await new FakeConnector().start();
    const app = await startTestApp(env, { syncAtStart: false, digestSchedule: false });
    try {
      // The restart settled it while the write was still in flight: the license was still there.
      const settled = await app.bot.services.reclamation.request(request.id);
      assert.equal(settled?.state, 'failed');
      assert.match(settled?.outcome ?? '', /Retry/);

      assert.equal(bed.sim.control.landHeldWrites(), 1);
      await waitFor('the late write to land', () => assignCalls(bed).length === 1);
      assert.ok(
        !bed.sim.control
          .userTruth(request.userId)
          .licenses.some((l) => l.skuId === request.skuId && l.assignment === 'direct'),
      );

      const chat: Chat = { serviceUrl: connector.url, tenantId: bed.sim.tenantId };
      const approver = { id: '29:approver', name: 'Approver', aadObjectId: request.approverId };
      const click = async (verb: string, data: unknown): Promise<Card | undefined> => {
        const res = await postActivity(app.endpoint, invokeActivity(chat, 'personal', verb, data, { from: approver }));
        assert.equal(res.status, 200, res.body);
        return (JSON.parse(res.body) as { value?: Card }).value;
      };
      assert.match(
        text(await click('approval.retry', { requestId: request.id, version: settled!.version })),
        /Approved/,
      );
      await app.bot.services.background.idle();

      const done = (await app.bot.services.reclamation.request(request.id))!;
      assert.equal(done.state, 'reclaimed', done.outcome ?? '');
      assert.match(done.outcome ?? '', /found done by reading the user again: the removal sent at .* had landed/);
      assert.equal(assignCalls(bed).length, 1, 'exactly one assignLicense: the late one');
      assert.equal(await seats(), seatsBefore - 1, 'the seat counted as freed');
      assert.equal(
        await bed.dataSource
          .getRepository(UserLicense)
          .countBy({ userId: request.userId, skuId: request.skuId, assignedByGroup: '' }),
        0,
      );
      const steps = await bed.dataSource
        .getRepository(AuditEvent)
        .find({ where: { requestId: request.id }, order: { id: 'ASC' } });
      assert.deepEqual(
        steps.map((e) => `${e.action}:${String(e.detail['to'])}`),
        [
          'request:undefined',
          'approve:approved',
          'execute:executing',
          'reconcile:failed',
          'retry:approved',
          'execute:executing',
          'execute:reclaimed',
        ],
      );
      assert.match(String(steps.at(-1)?.detail['found']), /had landed/, 'the history says how it was found');

      const card = await click('approval.refresh', { requestId: request.id, version: done.version });
      assert.match(text(card), /Reclaimed/);
      assert.deepEqual(executeActions(card).find((a) => a.title === 'Undo')?.data, {
        requestId: request.id,
        version: done.version,
      });
    } finally {
      await app.bot.services.background.idle();
      await app.stop();
      await connector.stop();
    }
  });
});
