import assert from 'node:assert/strict';
import { recheck, type FreshUser } from '../../src/reclamation/recheck';
import type { ReclamationRequest } from '../../src/store';

/** The execution-time rule on a fresh Graph read (pure): what makes an approved change stop. */
const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const BASIC = '3b555118-da6a-4418-894f-7df1e2096870';
const EXO = 'efb87545-963c-4e0d-99df-69c6916d9eb0';
const GROUP = '7d1c3f0a-52a4-4f6e-9d0b-3e1f8c2a6b01';

const request = (over: Partial<ReclamationRequest>): ReclamationRequest =>
  ({
    id: 'r1',
    userId: 'u1',
    userPrincipalName: 'u1@contoso.com',
    skuId: E5,
    toSkuId: null,
    reason: 'inactive',
    evidence: {},
    requestedBy: 'a',
    approverId: 'b',
    state: 'executing',
    version: 3,
    monthlySaving: null,
    currency: null,
    dryRun: false,
    disabledPlans: null,
    graphRequestId: null,
    comment: null,
    outcome: null,
    cards: {},
    expiresAt: '2999-01-01T00:00:00Z',
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    ...over,
  }) as ReclamationRequest;
const fresh = (licenses: { skuId: string; group?: string; off?: string[] }[]): FreshUser => ({
  id: 'u1',
  accountEnabled: true,
  assignedLicenses: [...new Set(licenses.map((l) => l.skuId))].map((skuId) => ({ skuId, disabledPlans: [] })),
  licenseAssignmentStates: licenses.map((l) => ({
    skuId: l.skuId,
    assignedByGroup: l.group ?? null,
    disabledPlans: l.off ?? [],
  })),
});

describe('reclamation: the check at execution', () => {
  it('goes on with a directly assigned license, and keeps its disabled plans for undo', () => {
    assert.deepEqual(recheck(request({}), fresh([{ skuId: E5, off: [EXO] }]), null), {
      ok: true,
      disabledPlans: [EXO],
    });
  });

  it('stops when a group now assigns the license too (removing the direct one would free no seat), naming the group', () => {
    const check = recheck(request({}), fresh([{ skuId: E5 }, { skuId: E5, group: GROUP }]), null);
    assert.equal(check.ok, false);
    assert.match(check.ok ? '' : check.why, new RegExp(`also assigned by group ${GROUP}`));
  });

  it('stops a downgrade when the user already holds the cheaper license', () => {
    const downgrade = request({
      reason: 'downgrade',
      toSkuId: BASIC,
      evidence: { toSkuName: 'Microsoft 365 Business Basic' },
    });
    assert.equal(recheck(downgrade, fresh([{ skuId: E5 }]), null).ok, true);
    const check = recheck(downgrade, fresh([{ skuId: E5 }, { skuId: BASIC }]), null);
    assert.match(check.ok ? '' : check.why, /already holds Microsoft 365 Business Basic/);
  });

  it('stops an overlap removal when the including license is gone', () => {
    const overlap = request({
      reason: 'overlap',
      skuId: E3,
      evidence: { coveredBy: E5, coveredByName: 'Microsoft 365 E5' },
    });
    assert.equal(recheck(overlap, fresh([{ skuId: E3 }, { skuId: E5 }]), null).ok, true);
    const check = recheck(overlap, fresh([{ skuId: E3 }]), null);
    assert.match(check.ok ? '' : check.why, /no longer holds Microsoft 365 E5/);
  });
});
