import type { CardData, CardName } from '../../src/bot/cards/render';
import { approvalCardData } from '../../src/bot/cards/approval';
import { approvalsCardData } from '../../src/bot/cards/approvals';
import { digestCardData } from '../../src/bot/cards/digest';
import { downgradesCardData } from '../../src/bot/cards/downgrades';
import { connectCardData } from '../../src/bot/cards/connect';
import { errorCardData } from '../../src/bot/cards/error';
import { findingsCardData } from '../../src/bot/cards/findings';
import { historyCardData } from '../../src/bot/cards/history';
import { licensesCardData } from '../../src/bot/cards/licenses';
import { noticeCardData } from '../../src/bot/cards/notice';
import { permissionsCardData } from '../../src/bot/cards/permissions';
import { policyCardData } from '../../src/bot/cards/policy';
import { previewCardData } from '../../src/bot/cards/reclaim-preview';
import { holderCardData } from '../../src/bot/cards/holder';
import { askPreviewCardData, asksCardData } from '../../src/bot/cards/asks';
import { runsCardData } from '../../src/bot/cards/runs';
import { spendCardData } from '../../src/bot/cards/spend';
import { summaryCardData } from '../../src/bot/cards/summary';
import { userCardData } from '../../src/bot/cards/user';
import { helpCardData } from '../../src/bot/commands/help';
import { DEFAULT_POLICY, type InsightsSummary, type SpendLine } from '../../src/insights';
import type { PlanItem } from '../../src/reclamation/plan';
import { COPILOT_VARIANTS } from './copilot-samples';
import {
  BANNER,
  E3,
  PBI,
  SAMPLE_NOW,
  sampleAsking,
  sampleAskRequests,
  sampleAsks,
  sampleBatch,
  sampleCosts,
  sampleDifferentiationRow,
  sampleFinding,
  sampleRequest,
  sampleSummary,
  sampleUser,
} from './card-samples';
import { costFormCardData, costsCardData } from '../../src/bot/cards/costs';
import { differentiationCardData } from '../../src/bot/cards/differentiation';
import { suspiciousCardData } from '../../src/bot/cards/suspicious';

/**
 * More samples per card, beside CARD_SAMPLES: between them every `$when` of a template is shown
 * and hidden at least once and every list has items, so each element is rendered and each read
 * checked (test/bot/cards.test.ts). Mostly what a real tenant sees: no demo banner, empty lists.
 */

/** A tenant on its first day: nothing priced by list, no notes, no task finished. */
function quietSummary(): InsightsSummary {
  const s = sampleSummary();
  return {
    ...s,
    waste: { ...s.waste, listPrice: false, unpricedLicenses: 0 },
    confidence: { level: 'high', notes: [] },
  };
}

const NEVER_RUN = ['licenses', 'roster', 'access'].map((task) => ({ task, status: null, finishedAt: null }));

function spendLines(n: number): SpendLine[] {
  return Array.from({ length: n }, (_, i) => ({
    skuId: `sku-${i}`,
    skuPartNumber: `SKU_${i}`,
    friendlyName: `License ${i}`,
    managed: true,
    consumedUnits: 10 + i,
    prepaidUnits: 20,
    cost: {
      amount: '10.00',
      currency: 'USD',
      paymentFrequency: 'monthly',
      effectiveDate: null,
      expirationDate: null,
      source: 'entered',
    },
    monthlyPerLicense: { amount: '10.00', currency: 'USD', source: 'entered' },
    monthlyTotal: { amount: `${(10 + i) * 10}.00`, currency: 'USD' },
    source: 'entered',
    flags: [],
  }));
}

function planItem(overrides: Partial<PlanItem> = {}): PlanItem {
  return {
    userId: 'u-alex',
    userPrincipalName: 'AlexW@contoso.onmicrosoft.com',
    displayName: 'Alex Wilber',
    skuId: 'e5',
    skuName: 'Microsoft 365 E5',
    to: { skuId: 'e3', skuName: 'Microsoft 365 E3' },
    reason: 'downgrade',
    evidence: {},
    monthlySaving: { amount: '21.00', currency: 'USD', source: 'list-price' },
    approver: { id: 'u-megan', displayName: null, source: 'configured' },
    ...overrides,
  };
}

export const CARD_VARIANTS: { [N in CardName]: (() => CardData[N])[] } = {
  ...COPILOT_VARIANTS,
  help: [
    () =>
      helpCardData(
        {
          banner: '',
          commands: () => [
            { name: 'help', usage: 'help', description: 'Show this list of commands.', handle: async () => {} },
          ],
        },
        'hello there',
      ),
  ],
  error: [
    () =>
      errorCardData({
        title: 'Sorry, something went wrong on my side',
        message: 'I could not finish that. Nothing was changed.',
        reference: 'Reference: 5f1c2e',
      }),
  ],
  notice: [() => noticeCardData({ title: 'Cancelled', text: 'Nothing was requested.', style: 'default' })],
  summary: [
    () =>
      summaryCardData({
        summary: quietSummary(),
        thresholdDays: 60,
        now: SAMPLE_NOW,
        banner: '',
        downgrades: { users: 0, monthlySaving: [] },
        approvals: { pending: 0, oldestCreatedAt: null },
        tasks: NEVER_RUN,
      }),
  ],
  findings: [
    () =>
      findingsCardData({
        page: { kind: 'never', status: 'flagged', sort: 'cost', page: 1, pageSize: 10, total: 0, items: [] },
        thresholdDays: 90,
        now: SAMPLE_NOW,
        banner: '',
        exportUrl: null,
      }),
    () => {
      const f = sampleFinding('blocked', 'Gina Guest', 200, [PBI]);
      f.confidence.notes = [
        { code: 'no-sign-in-data', text: 'Sign-in data unavailable: evidence of use comes from usage reports only.' },
      ];
      const excluded = {
        ...f,
        status: 'excluded' as const,
        listPrice: false,
        exclusions: [{ code: 'guest' as const, reason: 'Guest account (policy excludeGuests).' }],
      };
      return findingsCardData({
        page: { kind: 'blocked', status: 'excluded', sort: 'cost', page: 1, pageSize: 10, total: 1, items: [excluded] },
        thresholdDays: 90,
        now: SAMPLE_NOW,
        banner: BANNER,
        exportUrl: null,
        reclaim: true,
        notice: 'The list changed since this card was sent: this is page 1 now.',
      });
    },
  ],
  user: [
    () => {
      const finding = { ...sampleFinding('never', 'Diego Siciliani', null), status: 'excluded' as const };
      const exclusions = [
        { code: 'new-account' as const, reason: 'Account created 20 days ago (policy newAccountGraceDays 30).' },
      ];
      finding.exclusions = exclusions;
      return userCardData({
        insight: {
          userId: finding.userId,
          userPrincipalName: finding.userPrincipalName,
          displayName: 'Diego Siciliani',
          state: 'never',
          finding,
          evidence: finding.evidence,
          licenses: [E3],
          exclusions,
          confidence: { level: 'high', notes: [] },
        },
        user: {
          ...sampleUser(),
          userPrincipalName: finding.userPrincipalName,
          displayName: 'Diego Siciliani',
          lastActivityDate: null,
          lastUsedApp: null,
        },
        thresholdDays: 90,
        now: SAMPLE_NOW,
        banner: '',
      });
    },
    () => {
      const evidence = { ...sampleFinding('inactive', 'Pradeep Gupta', 3).evidence, apps: [] };
      return userCardData({
        insight: {
          userId: 'u-pradeep',
          userPrincipalName: 'PradeepG@contoso.onmicrosoft.com',
          displayName: null,
          state: 'unlicensed',
          finding: null,
          evidence,
          licenses: [],
          exclusions: [],
          confidence: { level: 'high', notes: [] },
        },
        user: {
          ...sampleUser(),
          userPrincipalName: 'PradeepG@contoso.onmicrosoft.com',
          displayName: null,
          mail: null,
          heldSkuIds: '',
        },
        thresholdDays: 90,
        now: SAMPLE_NOW,
        banner: BANNER,
      });
    },
  ],
  licenses: [
    () => licensesCardData({ lines: [], usage: [], banner: '' }),
    () => licensesCardData({ lines: spendLines(21), usage: [], banner: BANNER }),
    // "Show unmanaged": the unmanaged SKUs shown, marked, and the button to hide them.
    () =>
      licensesCardData({
        lines: [
          ...spendLines(2),
          { ...spendLines(1)[0]!, skuId: 'x', friendlyName: 'Unmanaged', managed: false, flags: ['unmanaged'] },
        ],
        usage: [],
        banner: '',
        showUnmanaged: true,
      }),
  ],
  downgrades: [
    () => downgradesCardData({ page: { page: 1, pageSize: 10, total: 0, items: [], groups: [] }, banner: '' }),
    () =>
      downgradesCardData({
        banner: BANNER,
        request: true,
        notice: 'The list changed since this card was sent: this is page 3 now.',
        page: {
          page: 3,
          pageSize: 10,
          total: 23,
          groups: [
            {
              from: 'Microsoft 365 E3',
              to: 'Office 365 E1',
              users: 8,
              monthlySaving: { currency: 'USD', amount: '200.00' },
            },
          ],
          items: [
            {
              userId: 'u2',
              userPrincipalName: 'johannal@contoso.onmicrosoft.com',
              displayName: null,
              from: {
                skuId: 'e3',
                skuPartNumber: 'SPE_E3',
                friendlyName: 'Microsoft 365 E3',
                monthlyCost: { amount: '36.00', currency: 'USD', source: 'list-price' },
              },
              to: {
                skuId: 'e1',
                skuPartNumber: 'STANDARDPACK',
                friendlyName: 'Office 365 E1',
                monthlyCost: { amount: '10.00', currency: 'USD', source: 'list-price' },
                availableSeats: 0,
              },
              usedServices: [],
              lostPlans: [],
              monthlySaving: { currency: 'USD', amount: '26.00' },
              listPrice: true,
              reclaimable: true,
            },
          ],
        },
      }),
  ],
  spend: [
    () =>
      spendCardData({
        banner: '',
        spend: {
          at: SAMPLE_NOW.toISOString(),
          lines: spendLines(21),
          totals: [{ currency: 'USD', amount: '4410.00' }],
          listPrice: false,
        },
      }),
    () =>
      spendCardData({
        banner: '',
        showUnmanaged: true,
        spend: {
          at: SAMPLE_NOW.toISOString(),
          lines: [{ ...spendLines(1)[0]!, managed: false, flags: ['unmanaged'] }],
          totals: [],
          listPrice: false,
        },
      }),
  ],
  runs: [() => runsCardData({ runs: {}, now: SAMPLE_NOW, banner: '' })],
  sync: [],
  permissions: [
    () =>
      permissionsCardData({
        roles: null,
        tokenError: 'The authority refused the client credentials (invalid_client).',
        banner: '',
        credential: 'client secret',
      }),
  ],
  policy: [
    () =>
      policyCardData({
        banner: '',
        view: {
          policy: DEFAULT_POLICY,
          entries: [],
          managedSkus: {
            all: false,
            skus: [{ skuId: 'e3', skuPartNumber: 'SPE_E3', friendlyName: 'Microsoft 365 E3', managed: true }],
          },
          warnings: ['The stored inactiveDays ("abc") is not a number of days: the default (90) is used.'],
        },
        admins: { users: [], groups: ['g-admins'], source: 'settings' },
        schedule: { cron: '0 9 * * 1', timezone: 'UTC' },
      }),
  ],
  history: [
    () =>
      historyCardData({
        upn: 'PradeepG@contoso.onmicrosoft.com',
        displayName: null,
        events: [],
        more: 0,
        actors: new Map(),
      }),
    () =>
      historyCardData({
        upn: 'LynneR@contoso.onmicrosoft.com',
        displayName: 'Lynne Robbins',
        more: 0,
        actors: new Map(),
        events: [
          {
            id: 9,
            at: '2025-11-23T10:00:00Z',
            actor: 'u-unknown',
            action: 'request.expired',
            subjectType: 'user',
            subjectId: 'u-lynne',
            requestId: null,
            outcome: 'failed',
            detail: {},
            count: 1,
            hour: null,
          },
        ],
      }),
  ],
  digest: [
    () =>
      digestCardData({
        scheduledFor: '2025-11-24T09:00:00Z',
        summary: quietSummary(),
        previous: null,
        savingsThisWeek: [],
        topIdle: [],
        downgrades: { users: 0, monthlySaving: [] },
        approvals: { pending: 0, oldestCreatedAt: null },
        tasks: NEVER_RUN,
        suspicious: 0,
        now: SAMPLE_NOW,
        banner: '',
      }),
  ],
  'reclaim-preview': [
    () =>
      previewCardData({
        banner: '',
        dryRun: false,
        target: { upns: ['alexw@contoso.onmicrosoft.com'], downgrade: true },
        plans: [{ userPrincipalName: 'AlexW@contoso.onmicrosoft.com', items: [planItem()], refusals: [] }],
      }),
    () =>
      previewCardData({
        banner: BANNER,
        dryRun: true,
        target: { upns: ['leeg@contoso.onmicrosoft.com'], sku: 'SPE_E3' },
        plans: [
          {
            userPrincipalName: 'LeeG@contoso.onmicrosoft.com',
            items: [],
            refusals: [{ why: 'no license to reclaim: the user holds none of the managed SKUs' }],
          },
        ],
      }),
  ],
  approval: [
    () =>
      approvalCardData({
        request: { ...sampleRequest('failed'), dryRun: false, comment: 'Left the company in July' },
        userName: null,
        requesterName: 'Adele Vance',
        approverName: 'Megan Bowen',
        view: { decide: false, undo: false, retry: true },
        refreshUserIds: [],
        notice: 'That click was refused: the request changed since this card was sent.',
        now: SAMPLE_NOW,
        banner: '',
      }),
  ],
  approvals: [
    () =>
      approvalsCardData({
        pending: [],
        recent: [],
        names: new Map(),
        scope: 'Every request (you are an admin).',
        now: SAMPLE_NOW,
        banner: '',
      }),
  ],
  connect: [
    () =>
      connectCardData({
        url: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/adminconsent?client_id=x&state=y',
        expiresAt: SAMPLE_NOW,
        credential: 'client secret',
        banner: '',
      }),
  ],
  holder: [
    () =>
      holderCardData({
        request: {
          ...sampleRequest('requested'),
          dryRun: false,
          holderAnswer: 'kept',
          holderNote: 'I use it regularly: daily reports',
          evidence: { skuName: 'Microsoft 365 E3' },
        },
        canAnswer: false,
        approverName: 'Megan Bowen',
        requesterName: 'Adele Vance',
        refreshUserIds: [],
        banner: '',
      }),
    () =>
      holderCardData({
        request: {
          ...sampleRequest('reclaimed'),
          dryRun: false,
          holderAnswer: 'released',
          outcome: 'License removed.',
        },
        canAnswer: true,
        approverName: 'Megan Bowen',
        requesterName: 'Adele Vance',
        refreshUserIds: [],
        banner: '',
      }),
    // An idle Copilot seat: the last Copilot use per app (src/reclamation/copilot/plan.ts's evidence).
    () =>
      holderCardData({
        request: {
          ...sampleAsking(),
          reason: 'copilot-idle',
          monthlySaving: '30.00',
          evidence: {
            skuName: 'Microsoft 365 Copilot',
            lastCopilotUse: '2025-10-06',
            copilotApps: { teams: '2025-10-06', word: null, chat: '2025-09-30' },
            assignedAt: '2025-03-01T00:00:00Z',
            daysIdle: 47,
            seatState: 'idle',
            confidence: 'high',
          },
        },
        canAnswer: true,
        approverName: 'Patti Fernandez',
        requesterName: 'Adele Vance',
        refreshUserIds: ['29:nestor'],
        banner: '',
      }),
    // A Copilot seat never used since it was assigned.
    () =>
      holderCardData({
        request: {
          ...sampleAsking(),
          reason: 'copilot-idle',
          evidence: {
            skuName: 'Microsoft 365 Copilot',
            lastCopilotUse: null,
            copilotApps: {},
            assignedAt: '2025-09-20T00:00:00Z',
            daysIdle: 64,
            seatState: 'never',
            confidence: 'high',
          },
        },
        canAnswer: true,
        approverName: 'Megan Bowen',
        requesterName: 'Adele Vance',
        refreshUserIds: [],
        banner: '',
      }),
  ],
  asks: [
    () =>
      asksCardData({
        batch: sampleBatch('reclaim'),
        asks: sampleAsks(1),
        requests: new Map(sampleAskRequests(1).map((r) => [r.id, r])),
        dryRun: false,
        banner: '',
      }),
  ],
  'ask-preview': [
    () =>
      askPreviewCardData({
        batchId: '6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b',
        list: 'never',
        people: 1,
        licenses: 1,
        monthly: [],
        left: [],
        dryRun: false,
        askDays: 7,
        banner: '',
      }),
  ],
  costs: [
    () => costsCardData({ costs: sampleCosts(), canEdit: false, banner: '' }),
    () => costsCardData({ costs: [], canEdit: false, banner: '' }),
    () =>
      costsCardData({
        costs: Array.from({ length: 30 }, (_, i) => ({
          ...sampleCosts()[0]!,
          skuId: `sku-${i}`,
          friendlyName: `License ${i}`,
        })),
        canEdit: true,
        banner: '',
      }),
  ],
  'cost-form': [() => costFormCardData({ sku: sampleCosts()[2]!, currencies: ['USD'], banner: '' })],
  differentiation: [
    () =>
      differentiationCardData({
        sku: 'SPE_E3',
        page: {
          skus: [{ skuId: 'e3', skuPartNumber: 'SPE_E3', friendlyName: 'Microsoft 365 E3' }],
          page: 1,
          pageSize: 10,
          total: 0,
          items: [],
        },
        exportUrl: null,
        banner: '',
      }),
    () =>
      differentiationCardData({
        page: {
          skus: [{ skuId: 'e3', skuPartNumber: 'SPE_E3', friendlyName: 'Microsoft 365 E3' }],
          page: 4,
          pageSize: 10,
          total: 31,
          items: [sampleDifferentiationRow('Amir Wilson', { teams: 1 })],
        },
        exportUrl: null,
        notice: 'The list changed since that card was sent: it now has 4 page(s). This is the last one.',
        banner: '',
      }),
  ],
  suspicious: [
    () =>
      suspiciousCardData({ banner: '', page: { total: 0, page: 1, pageSize: 10, fix: 'x', byReport: [], items: [] } }),
    () =>
      suspiciousCardData({
        banner: '',
        notice: 'The list changed since that card was sent: this is its last page.',
        page: { total: 24, page: 3, pageSize: 10, fix: 'x', byReport: [], items: [] },
      }),
  ],
};
