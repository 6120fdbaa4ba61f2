import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { reportCommand } from '../../src/cli/report';
import { TenantUser } from '../../src/store';
import { rosterTask } from '../../src/tasks/roster';
import { cli } from '../cli/helpers';
import { startSyncBed, type SyncBed } from '../helpers/sync';

/** Every Users-tab column (docs/product-rules.md R24), in `npm run report -- users`. */
const COLUMNS = [
  'User Principal Name',
  'Email',
  'First Name',
  'Last Name',
  'Active Date',
  'Deactivated Date',
  'Licenses',
  'Block Credentials',
  'Is MFA Turned On',
  'Last Used M365 Application',
  'Sign in to M365 Domain',
  'Last Activity Date',
  'Days Since Last Activity',
  'Activations',
  'Mail Usage (MB)',
  'OneDrive Usage (MB)',
  'Windows',
  'Mac',
  'Mobile',
  'Web',
  'onPremisesSync',
];
const YES_NO = ['Block Credentials', 'Windows', 'Mac', 'Mobile', 'Web', 'onPremisesSync'];

describe('the Users tab over a synced tenant', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  let victim: TenantUser;
  const users = async (...argv: string[]) => {
    const out = await cli(reportCommand, ['users', '--format', 'csv', ...argv], { store: bed.dataSource });
    assert.equal(out.code, 0, out.stderr);
    return parse(out.stdout, { columns: true }) as Record<string, string>[];
  };

  before(async () => {
    bed = await startSyncBed({ users: 300, seed: 8 });
    await bed.syncAll();
    victim = (await bed.dataSource.getRepository(TenantUser).find({ take: 1, order: { id: 'DESC' } }))[0]!;
    bed.sim.control.deleteUser(victim.id);
    await bed.run(rosterTask);
  });
  after(() => bed.stop());

  it('carries every column, Yes or No wherever the reports were read, and the stored values', async () => {
    const rows = await users();
    assert.equal(rows.length, 299);
    for (const column of COLUMNS) assert.ok(column in rows[0]!, column);
    for (const row of rows)
      for (const column of YES_NO) assert.match(row[column]!, /^(Yes|No)$/, `${row['User Principal Name']} ${column}`);
    const stored = new Map(
      (await bed.dataSource.getRepository(TenantUser).find()).map((u) => [u.userPrincipalName, u]),
    );
    for (const row of rows.slice(0, 80)) {
      const u = stored.get(row['User Principal Name']!)!;
      assert.deepEqual(
        [row['Email'], row['First Name'], row['Last Name']],
        [u.mail ?? '', u.givenName ?? '', u.surname ?? ''],
      );
      assert.equal(row['Windows'], u.usesWindows ? 'Yes' : 'No', u.userPrincipalName);
      assert.equal(row['onPremisesSync'], u.onPremisesSyncEnabled ? 'Yes' : 'No');
      assert.equal(row['Mail Usage (MB)'], u.mailUsageMb === null ? '' : String(u.mailUsageMb));
      assert.equal(row['Activations'], u.activations ?? '');
      assert.equal(row['Active Date'], u.activeDate.slice(0, 10));
    }
    assert.ok(rows.some((r) => r['Windows'] === 'Yes') && rows.some((r) => r['Windows'] === 'No'));
  });

  it('--status deactivated (or all) lists users the directory no longer holds, with their deactivated date', async () => {
    const gone = await users('--status', 'deactivated');
    assert.deepEqual(
      gone.map((r) => [r['User Principal Name'], r['State']]),
      [[victim.userPrincipalName, 'deactivated']],
    );
    assert.match(gone[0]!['Deactivated Date']!, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal((await users('--status', 'all')).length, 300);
    assert.ok(!(await users()).some((r) => r['User Principal Name'] === victim.userPrincipalName));
  });

  it('leaves a platform blank only when unknown: in a tenant whose usage reports cannot be read', async () => {
    const other = await startSyncBed({ users: 100, seed: 8 });
    try {
      other.sim.control.setFaults({ revoke: ['Reports.Read.All'], invalidateTokens: true });
      const [, roster] = await other.syncAll();
      assert.ok(
        roster?.skipped.some((s) => /usage reports/.test(s.part)),
        JSON.stringify(roster?.skipped),
      );
      const out = await cli(reportCommand, ['users', '--format', 'csv'], { store: other.dataSource });
      const rows = parse(out.stdout, { columns: true }) as Record<string, string>[];
      assert.equal(rows.length, 100);
      for (const r of rows) {
        assert.deepEqual([r['Windows'], r['Mac'], r['Mobile'], r['Web']], ['', '', '', ''], r['User Principal Name']);
        assert.match(r['Block Credentials']!, /^(Yes|No)$/);
        assert.match(r['onPremisesSync']!, /^(Yes|No)$/);
      }
    } finally {
      await other.stop();
    }
  });
});
