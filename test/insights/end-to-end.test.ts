import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { exportFindings, summary, type Finding, type FindingKind, type Policy } from '../../src/insights';
import { GROUPS } from '../../src/simulator';
import { DirectoryGroup, GroupMember } from '../../src/store';
import { startSyncBed, type SyncBed } from '../helpers/sync';
import { policy } from './fixtures';

/**
 * A simulated tenant synced through the real tasks and Graph client, then the three lists compared
 * user by user with the simulator's ground truth (src/simulator/tenant/truth-categories.ts) under
 * the same policy. The truth's categories ignore policy, so the expected lists apply the product's
 * exclusions to them: guests, room and shared mailboxes, the exclusion group, accounts within the
 * grace period, and (inactive only) the MFA/SSO rule (docs/product-rules.md R22) in its two parts, "MFA registered" and
 * "on-premises synced". Two deliberate differences from the truth's wording, neither of which this tenant hits:
 * - the product allows 3 days of report lag on report-only evidence (the simulator's members always
 *   have a precise non-interactive sign-in next to their report days, so no user lands in that band);
 * - the product calls a user with failed sign-in attempts and no success ever "never logged in"
 *   (failed sign-ins are not use); the simulator generates no such enabled, licensed user.
 */
const EXCLUSION_GROUP = GROUPS.find((g) => g.displayName === 'License Steward - Excluded')!;

type Truth = ReturnType<SyncBed['sim']['control']['userTruth']>;

/** Stand-in for the roster part that should sync exclusion-group members (not built yet: see report). */
async function syncExclusionGroup(bed: SyncBed): Promise<void> {
  const repo = bed.dataSource.getRepository(GroupMember);
  await bed.dataSource
    .getRepository(DirectoryGroup)
    .save({ id: EXCLUSION_GROUP.id, displayName: EXCLUSION_GROUP.displayName, updatedAt: new Date().toISOString() });
  for await (const page of bed.graph.pages(`/v1.0/groups/${EXCLUSION_GROUP.id}/members?$select=id&$top=999`, {
    permission: 'GroupMember.Read.All',
  })) {
    const rows = (page.value as { id: string }[]).map((m) => ({ groupId: EXCLUSION_GROUP.id, userId: m.id }));
    if (rows.length) await repo.save(rows);
  }
}

async function listed(
  store: DataSource,
  kind: FindingKind,
  p: Policy,
  now: Date,
  status: 'flagged' | 'excluded',
): Promise<Map<string, Finding>> {
  const out = new Map<string, Finding>();
  for await (const f of exportFindings(store, { kind, status, sort: 'name' }, p, now)) out.set(f.userId, f);
  return out;
}

function expectedFor(truth: Truth, kind: FindingKind): 'flagged' | 'excluded' | null {
  const c = new Set(truth.categories);
  const enabledLicensed = truth.accountEnabled && c.has('licensed');
  const matches =
    kind === 'blocked'
      ? c.has('blocked-with-license')
      : kind === 'never'
        ? enabledLicensed && c.has('never-signed-in')
        : enabledLicensed && c.has('inactive-90');
  if (!matches) return null;
  const young = truth.createdDateTime !== null && Date.parse(truth.createdDateTime) > Date.now() - 30 * 86_400_000;
  const excluded =
    c.has('guest') ||
    c.has('room-mailbox') ||
    c.has('shared-mailbox') ||
    c.has('in-exclusion-group') ||
    young ||
    (kind === 'inactive' && (c.has('mfa-registered') || c.has('on-premises-synced')));
  return excluded ? 'excluded' : 'flagged';
}

describe('insights end to end: a synced simulated tenant against the ground truth', function () {
  this.timeout(90_000);

  describe('a clean tenant of 1,000 users', () => {
    let bed: SyncBed;
    const p = policy({ excludedGroups: [EXCLUSION_GROUP.displayName] });
    before(async () => {
      bed = await startSyncBed({ users: 1000, seed: 11 });
      await bed.syncAll();
      await syncExclusionGroup(bed);
    });
    after(() => bed.stop());

    for (const kind of ['inactive', 'never', 'blocked'] as const) {
      it(`lists exactly the ${kind} users the truth names, flagged or excluded as the policy says`, async () => {
        const now = bed.sim.control.now();
        const flagged = await listed(bed.dataSource, kind, p, now, 'flagged');
        const excluded = await listed(bed.dataSource, kind, p, now, 'excluded');
        const ids = (
          (await bed.dataSource.query('SELECT id FROM users WHERE "deactivatedDate" IS NULL')) as { id: string }[]
        ).map((r) => r.id);
        const wrong: string[] = [];
        let expectedFlagged = 0;
        for (const id of ids) {
          const truth = bed.sim.control.userTruth(id);
          const want = expectedFor(truth, kind);
          const got = flagged.has(id) ? 'flagged' : excluded.has(id) ? 'excluded' : null;
          if (want === 'flagged') expectedFlagged++;
          if (want !== got)
            wrong.push(
              `${truth.userPrincipalName}: product ${got}, truth ${want} [${truth.categories.join(' ')}] ${truth.why.join('; ')} ${JSON.stringify((flagged.get(id) ?? excluded.get(id))?.exclusions ?? [])}`,
            );
        }
        assert.deepEqual(wrong, []);
        assert.ok(expectedFlagged >= 10, `the tenant holds ${kind} users to compare (${expectedFlagged})`);
      });
    }

    it('names the actual cause of each MFA/SSO exclusion: MFA only for users registered for it, SSO for on-premises synced ones', async () => {
      const excluded = await listed(bed.dataSource, 'inactive', p, bed.sim.control.now(), 'excluded');
      let syncedOnly = 0;
      for (const f of excluded.values()) {
        const c = new Set(bed.sim.control.userTruth(f.userId).categories);
        const codes = f.exclusions.map((e) => e.code);
        assert.equal(
          codes.includes('mfa'),
          c.has('mfa-registered'),
          `${f.userPrincipalName}: ${JSON.stringify(f.exclusions)}`,
        );
        assert.equal(codes.includes('sso'), c.has('on-premises-synced'), f.userPrincipalName);
        for (const e of f.exclusions) {
          if (e.code === 'mfa') assert.match(e.reason, /^Registered for MFA/);
          if (e.code === 'sso') assert.match(e.reason, /^Synced from on-premises, so assumed to sign in with SSO/);
        }
        if (c.has('on-premises-synced') && !c.has('mfa-registered')) syncedOnly++;
      }
      assert.ok(syncedOnly > 0, 'the tenant holds synced inactive users not registered for MFA');
    });

    it('explains group-inherited licenses of flagged users with the group name', async () => {
      const inactive = await listed(bed.dataSource, 'inactive', p, bed.sim.control.now(), 'flagged');
      const grouped = [...inactive.values()].flatMap((f) => f.licenses).filter((l) => !l.reclaimable);
      assert.ok(grouped.length > 0);
      for (const l of grouped) assert.match(l.note ?? '', /^not reclaimable directly — assigned by group LIC - /);
    });

    it('summary counts match the lists, with high confidence', async () => {
      const now = bed.sim.control.now();
      const s = await summary(bed.dataSource, p, now);
      for (const kind of ['inactive', 'never', 'blocked'] as const) {
        assert.equal(s.counts[kind].flagged, (await listed(bed.dataSource, kind, p, now, 'flagged')).size, kind);
      }
      assert.equal(s.waste.listPrice, true);
      // The first sync ran just now, younger than the 90-day threshold: that is the only note.
      assert.deepEqual(
        s.confidence.notes.map((n) => n.code),
        ['young-history'],
      );
    });
  });

  for (const gap of ['concealed report names', 'no AuditLog.Read.All'] as const) {
    describe(`a tenant with ${gap}`, () => {
      let bed: SyncBed;
      const p = policy();
      before(async () => {
        bed = await startSyncBed({ users: 400, seed: 5 });
        bed.sim.control.setFaults(
          gap === 'concealed report names'
            ? { concealedNames: true }
            : { revoke: ['AuditLog.Read.All'], invalidateTokens: true },
        );
        await bed.syncAll();
      });
      after(() => bed.stop());

      it('lowers confidence and flags nobody wrongly: every flagged user is one the truth names', async () => {
        const now = bed.sim.control.now();
        const s = await summary(bed.dataSource, p, now);
        assert.equal(s.confidence.level, 'low');
        assert.ok(
          s.confidence.notes.some(
            (n) => n.code === (gap === 'concealed report names' ? 'reports-concealed' : 'no-sign-in-data'),
          ),
        );
        assert.equal(s.counts.never.flagged, 0, 'without every source nobody is called "never logged in"');
        assert.ok(s.counts.never.excluded > 0);
        let flaggedTotal = 0;
        for (const kind of ['inactive', 'never', 'blocked'] as const) {
          for (const f of (await listed(bed.dataSource, kind, p, now, 'flagged')).values()) {
            flaggedTotal++;
            const truth = bed.sim.control.userTruth(f.userId);
            const c = new Set(truth.categories);
            const right =
              kind === 'blocked'
                ? c.has('blocked-with-license')
                : kind === 'inactive'
                  ? c.has('inactive-90')
                  : c.has('never-signed-in');
            assert.ok(
              right,
              `${kind}: ${truth.userPrincipalName} [${truth.categories.join(' ')}] ${truth.why.join('; ')}`,
            );
            // Blocked is blocked whatever the use; but concealed names also hide which blocked accounts are shared mailboxes.
            assert.equal(
              f.confidence.level,
              kind !== 'blocked' ? 'low' : gap === 'concealed report names' ? 'medium' : 'high',
            );
          }
        }
        assert.ok(flaggedTotal > 0);
        for (const f of (await listed(bed.dataSource, 'never', p, now, 'excluded')).values())
          assert.ok(f.exclusions.some((e) => e.code === 'insufficient-data'));
      });
    });
  }
});
