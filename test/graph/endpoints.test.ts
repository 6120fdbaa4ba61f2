import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { graphConfigFor } from '../../src/config';
import {
  assignLicense,
  getGroupsBatch,
  getManager,
  getUserLicenseState,
  GRAPH_ENDPOINTS,
  GRAPH_PERMISSIONS,
  GraphClient,
  GraphError,
  listRegistrationDetails,
  listSignIns,
  listSubscribedSkus,
  listUsers,
  mailboxUsageDetail,
  office365ActiveUserDetail,
  type ReportRow,
  type RetryOptions,
} from '../../src/graph';
import { checkItems } from '../../src/graph/endpoints/endpoint';
import { registrationDetailsSchema } from '../../src/graph/endpoints/registration-details';
import { DEFAULT_GRANTS, GROUPS, NAMED_PEOPLE_IDS, startSimulator, type RunningSimulator } from '../../src/simulator';

const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';

/** Drains an async iterable (a collection endpoint or a report). */
async function drain(items: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of items) n++;
  return n;
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((resolve) => setTimeout(resolve, 10))) {
    if (Date.now() - started > ms) throw new Error('timed out waiting');
  }
}

/** The endpoint functions of src/graph/endpoints against the simulator over HTTPS. */
describe('graph: endpoint functions', function () {
  this.timeout(60_000);
  const retry: RetryOptions = { maxAttempts: 2, budgetMs: 5_000, baseDelayMs: 1, maxDelayMs: 2 };
  let sim: RunningSimulator;
  let graph: GraphClient;
  before(async () => {
    sim = await startSimulator({ users: 1100, seed: 5, timeScale: 0.001 });
  });
  after(async () => sim.stop());
  beforeEach(() => {
    graph = new GraphClient({ config: graphConfigFor(sim), retry });
    sim.control.clearCalls();
  });
  afterEach(async () => {
    sim.control.setFaults({ grant: [...DEFAULT_GRANTS], malformedPaths: [], pathFaults: [] });
    await graph.close();
  });

  const lynne = NAMED_PEOPLE_IDS['lynne']!;
  const usersCalls = () => sim.control.calls().filter((c) => c.origin === 'graph' && c.path === '/v1.0/users');
  const rejection = (code: string, pattern: RegExp) => (error: unknown) => {
    assert.ok(error instanceof GraphError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  };

  it("lists users page by page, one page ahead and no more, with the roster's $select", async () => {
    for await (const page of listUsers(graph, { withSignIn: true })) {
      assert.equal(page.items.length, 500);
      assert.ok(page.items.every((u) => typeof u.userPrincipalName === 'string' && Array.isArray(u.assignedLicenses)));
      // Page 2 is asked for while page 1 is worked on.
      await until(() => usersCalls().length === 2);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Page 3 never was: the caller stopped before taking page 2.
    assert.equal(usersCalls().length, 2);
    const query = new URLSearchParams(usersCalls()[0]!.query);
    assert.equal(query.get('$top'), '500');
    assert.ok(query.get('$select')!.split(',').includes('signInActivity'));
  });

  it('reads a report with the columns asked for only, each with the value it has in the whole row', async () => {
    const rows = async (columns?: readonly string[]) => {
      const all: ReportRow[] = [];
      for await (const { header, lines } of mailboxUsageDetail(graph, 'D90', columns)) {
        for (const line of lines) {
          const row = header.row(line);
          // One field read alone is the row's.
          assert.equal(header.field(line, header.indexOf('Storage Used (Byte)')), row['Storage Used (Byte)']);
          all.push(row);
        }
      }
      return all;
    };
    const whole = await rows();
    const columns = ['User Principal Name', 'Storage Used (Byte)', 'No Such Column'];
    const some = await rows(columns);
    assert.ok(whole.length > 100 && Object.keys(whole[0]!).length > 5);
    assert.deepEqual(
      some,
      whole.map((r) => ({
        'User Principal Name': r['User Principal Name'],
        'Storage Used (Byte)': r['Storage Used (Byte)'],
      })),
    );
  });

  it('turns an answer of the wrong shape into a GraphError naming the endpoint, for an object and for a collection', async () => {
    sim.control.setFaults({ malformedPaths: [`/v1.0/users/${lynne}/manager`, '/v1.0/users', '/v1.0/subscribedSkus'] });
    await assert.rejects(
      getManager(graph, lynne),
      rejection('UnexpectedResponse', /GET \/v1\.0\/users\/\{id\}\/manager .*id: Expected string/),
    );
    await assert.rejects(
      drain(listUsers(graph, { withSignIn: false })),
      rejection('UnexpectedResponse', /GET \/v1\.0\/users .*"value"/),
    );
    await assert.rejects(
      listSubscribedSkus(graph),
      rejection('UnexpectedResponse', /GET \/v1\.0\/subscribedSkus .*value: Expected array/),
    );
    sim.control.setFaults({ malformedPaths: [] });
    assert.equal((await getManager(graph, lynne)).id, NAMED_PEOPLE_IDS['megan']);
  });

  it("answers each group of a $batch on its own: the group, a GraphError naming the endpoint, or Graph's 404", async () => {
    const [a, b] = [GROUPS[0]!.id, GROUPS[1]!.id];
    const gone = '00000000-0000-0000-0000-00000000dead';
    sim.control.setFaults({ malformedPaths: [`/v1.0/groups/${b}`] });
    const answers = await getGroupsBatch(graph, [a, b, gone]);
    const first = answers.get(a);
    assert.ok(first && 'group' in first && first.group.displayName === GROUPS[0]!.displayName);
    const malformed = answers.get(b);
    assert.ok(malformed && 'error' in malformed);
    assert.match(malformed.error.message, /POST \/v1\.0\/\$batch of GET \/groups\/\{id\}/);
    assert.equal(malformed.error.isNotFound, false);
    const missing = answers.get(gone);
    assert.ok(missing && 'error' in missing && missing.error.isNotFound);
  });

  it('names the permission of the endpoint when Graph refuses it', async () => {
    const refused = async (
      revoke: (typeof DEFAULT_GRANTS)[number][],
      call: () => Promise<unknown>,
      permission: string,
    ) => {
      sim.control.setFaults({ revoke });
      await assert.rejects(
        call(),
        (error: unknown) =>
          error instanceof GraphError &&
          error.status === 403 &&
          error.permission === permission &&
          error.message.includes(permission),
      );
      sim.control.setFaults({ grant: [...DEFAULT_GRANTS] });
    };
    await refused(
      ['Reports.Read.All'],
      () => drain(office365ActiveUserDetail(graph, 'D30')),
      GRAPH_PERMISSIONS.reports[0],
    );
    await refused(
      ['AuditLog.Read.All'],
      () =>
        drain(
          listSignIns(graph, {
            appId: '00000009-0000-0000-c000-000000000000',
            since: '2025-01-01T00:00:00Z',
            after: false,
          }),
        ),
      GRAPH_PERMISSIONS.signIns[0],
    );
    await refused(
      ['AuditLog.Read.All', 'UserAuthenticationMethod.Read.All'],
      () => drain(listRegistrationDetails(graph)),
      GRAPH_PERMISSIONS.mfa[0],
    );
    await refused(
      ['LicenseAssignment.ReadWrite.All'],
      () => assignLicense(graph, lynne, { addLicenses: [], removeLicenses: [POWER_BI_PRO] }),
      GRAPH_PERMISSIONS.licenseAssignment[0],
    );
  });

  it("assigns and removes a license, returning Graph's request id", async () => {
    const before = await getUserLicenseState(graph, lynne, { withSignIn: false });
    const held = before.assignedLicenses.some((l) => l.skuId === POWER_BI_PRO);
    const change = held
      ? { addLicenses: [], removeLicenses: [POWER_BI_PRO] }
      : { addLicenses: [{ skuId: POWER_BI_PRO, disabledPlans: [] }], removeLicenses: [] };
    const result = await assignLicense(graph, lynne, change);
    assert.match(result.requestId ?? '', /^[0-9a-f-]{36}$/);
    const after = await getUserLicenseState(graph, lynne, { withSignIn: false });
    assert.equal(
      after.assignedLicenses.some((l) => l.skuId === POWER_BI_PRO),
      !held,
    );
  });

  it('lists MFA registration with the two fields it reads, each user as the whole item says', async () => {
    // The whole items, as Graph answers without $select.
    const whole = new Map<string, unknown>();
    let next: string | undefined = '/beta/reports/authenticationMethods/userRegistrationDetails?$top=999';
    while (next) {
      const page = (await graph.get(next)) as {
        value: { id: string; isMfaRegistered: unknown }[];
        '@odata.nextLink'?: string;
      };
      for (const r of page.value) whole.set(r.id, r.isMfaRegistered);
      next = page['@odata.nextLink'];
    }
    sim.control.clearCalls();
    const read = new Map<string, unknown>();
    for await (const page of listRegistrationDetails(graph))
      for (const r of page.items) read.set(r.id, r.isMfaRegistered);
    const calls = sim.control
      .calls()
      .filter((c) => c.path === '/beta/reports/authenticationMethods/userRegistrationDetails');
    assert.ok(calls.length > 0);
    for (const call of calls) assert.match(decodeURIComponent(call.query), /\$select=id,isMfaRegistered(&|$)/);
    assert.ok(whole.size > 1000);
    assert.deepEqual(read, whole);
  });

  it('lists sign-ins with the fields it reads, each as the whole item says', async () => {
    const query = {
      appId: '00000009-0000-0000-c000-000000000000',
      since: new Date(sim.control.now().getTime() - 30 * 86_400_000).toISOString(),
      after: false,
    };
    const filter = encodeURIComponent(`createdDateTime ge ${query.since} and appId eq '${query.appId}'`);
    const whole: unknown[] = [];
    let next: string | undefined = `/v1.0/auditLogs/signIns?$filter=${filter}&$top=1000`;
    while (next) {
      const page = (await graph.get(next)) as { value: Record<string, unknown>[]; '@odata.nextLink'?: string };
      for (const s of page.value)
        whole.push({
          id: s['id'],
          createdDateTime: s['createdDateTime'],
          userId: s['userId'],
          appId: s['appId'],
          status: { errorCode: (s['status'] as { errorCode: number }).errorCode },
        });
      next = page['@odata.nextLink'];
    }
    sim.control.clearCalls();
    const read: unknown[] = [];
    for await (const page of listSignIns(graph, query)) {
      assert.deepEqual(page.rejected, []);
      read.push(...page.items.map((s) => ({ ...s, status: { errorCode: s.status?.errorCode } })));
    }
    const calls = sim.control.calls().filter((c) => c.path === '/v1.0/auditLogs/signIns');
    assert.ok(calls.length > 0);
    for (const call of calls)
      assert.match(decodeURIComponent(call.query), /\$select=id,createdDateTime,userId,appId,status(&|$)/);
    assert.ok(whole.length > 10, `${whole.length} sign-ins`);
    assert.deepEqual(read, whole);
  });

  it('checks of a registration what the product reads: odd values elsewhere keep it, a bad id or flag rejects it', () => {
    const id = '0b5ba1f3-51a4-4a4b-a1f4-6c7f0f2b7c11';
    const page = checkItems(registrationDetailsSchema, [
      { id, isMfaRegistered: true, methodsRegistered: null, isMfaCapable: 'unknown', userType: 'member' },
      { id, isMfaRegistered: null },
      { id: 'not-a-guid', isMfaRegistered: true },
      { id, isMfaRegistered: 'yes' },
    ]);
    assert.deepEqual(page.items, [
      { id, isMfaRegistered: true },
      { id, isMfaRegistered: null },
    ]);
    assert.equal(page.rejected.length, 2);
  });

  it('has a row in docs/graph-endpoints.md for every endpoint, with its permission', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'graph-endpoints.md'), 'utf8');
    const rows = doc.split('\n').filter((line) => line.startsWith('|'));
    for (const endpoint of GRAPH_ENDPOINTS) {
      const row = rows.find((line) => line.includes(`\`${endpoint.name}\``));
      assert.ok(row, `no row for ${endpoint.name}`);
      assert.ok(row.includes(endpoint.permission), `${endpoint.name}: the row does not name ${endpoint.permission}`);
    }
  });
});
