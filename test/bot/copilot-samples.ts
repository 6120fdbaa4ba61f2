import { copilotCardData, type CopilotWaitlistView } from '../../src/bot/cards/copilot';
import { copilotAssignCardData } from '../../src/bot/cards/copilot-assign';
import { copilotWaitlistCardData } from '../../src/bot/cards/copilot-waitlist';
import type { CopilotOverview, CopilotSeat } from '../../src/insights';
import type { CopilotWaitlistEntry, WaitlistState } from '../../src/store';
import { BANNER, SAMPLE_NOW } from './card-samples';

/** Copilot samples for the card tests and `cards:preview`: a tenant of 93 seats, some idle, a few people waiting. */
const SEAT_COST = { amount: '30.00', currency: 'USD', source: 'list-price' as const };

export function sampleCopilotOverview(): CopilotOverview {
  return {
    at: SAMPLE_NOW.toISOString(),
    asOf: '2025-11-21',
    skus: [
      {
        skuId: '639dec6b-bb19-468b-871c-c5c441c4b0cb',
        name: 'Microsoft 365 Copilot',
        purchased: 104,
        assigned: 93,
        monthlyCost: SEAT_COST,
      },
    ],
    purchased: 104,
    assigned: 93,
    free: 11,
    holders: 93,
    active7: 41,
    active30: 55,
    apps: [
      ['teams', 'Teams', 39],
      ['word', 'Word', 21],
      ['excel', 'Excel', 13],
      ['powerPoint', 'PowerPoint', 17],
      ['outlook', 'Outlook', 28],
      ['oneNote', 'OneNote', 9],
      ['loop', 'Loop', 3],
      ['chat', 'Copilot Chat', 36],
    ].map(([app, label, n]) => ({
      app: app as CopilotOverview['apps'][number]['app'],
      label: label as string,
      active30: n as number,
    })),
    idle: { flagged: 31, excluded: 2 },
    monthlyAtStake: [{ currency: 'USD', amount: '930.00' }],
    listPrice: true,
    waiting: 4,
    confidence: { level: 'high', notes: [] },
  };
}

export function sampleSeat(
  name: string,
  state: 'idle' | 'never',
  daysIdle: number | null,
  overrides: Partial<CopilotSeat> = {},
): CopilotSeat {
  const used = state === 'idle' ? '2025-09-30' : null;
  return {
    userId: `id-${name}`,
    userPrincipalName: `${name.split(' ')[0]!.toLowerCase()}@contoso.onmicrosoft.com`,
    displayName: name,
    accountEnabled: true,
    skuId: '639dec6b-bb19-468b-871c-c5c441c4b0cb',
    skuName: 'Microsoft 365 Copilot',
    state,
    status: 'flagged',
    exclusions: [],
    assignedAt: '2025-08-01T10:00:00Z',
    lastUse: used,
    apps: [
      { app: 'teams', label: 'Teams', date: used },
      { app: 'chat', label: 'Copilot Chat', date: used ? '2025-09-12' : null },
      { app: 'word', label: 'Word', date: null },
    ],
    daysIdle,
    reclaimable: true,
    note: null,
    monthlyCost: SEAT_COST,
    asOf: '2025-11-21',
    confidence: { level: 'high', notes: [] },
    ...overrides,
  };
}

export function sampleEntry(state: WaitlistState, overrides: Partial<CopilotWaitlistEntry> = {}): CopilotWaitlistEntry {
  return {
    id: '7d1e2f3a-1111-4222-8333-944455556666',
    userId: 'u-isaiah',
    userPrincipalName: 'IsaiahL@contoso.onmicrosoft.com',
    displayName: 'Isaiah Langer',
    reason: 'I write campaign briefs every day',
    state,
    version: 2,
    requestedAt: '2025-11-10T09:00:00Z',
    updatedAt: '2025-11-24T08:00:00Z',
    proposedAt: '2025-11-24T08:00:00Z',
    skuId: state === 'waiting' ? null : '639dec6b-bb19-468b-871c-c5c441c4b0cb',
    assignedBy: state === 'waiting' ? null : 'u-adele',
    assignedAt: state === 'waiting' ? null : '2025-11-24T08:30:00Z',
    graphRequestId: null,
    outcome: null,
    ...overrides,
  };
}

const WAITING: CopilotWaitlistView = {
  total: 4,
  mine: null,
  holder: true,
  first: [
    {
      name: 'Isaiah Langer',
      upn: 'IsaiahL@contoso.onmicrosoft.com',
      requestedAt: '2025-11-10T09:00:00Z',
      reason: 'I write campaign briefs every day',
      entryId: '7d1e2f3a-1111-4222-8333-944455556666',
    },
    {
      name: 'Grady Archie',
      upn: 'GradyA@contoso.onmicrosoft.com',
      requestedAt: '2025-11-12T09:00:00Z',
      reason: null,
      entryId: '8d1e2f3a-1111-4222-8333-944455556666',
    },
  ],
};

/** Most idle first, as the rule sorts them: an unknown idle span (no assignment date) leads. */
const SAMPLE_IDLE_SEATS = () => [
  sampleSeat('Blocked Betty', 'never', null, { assignedAt: null, accountEnabled: false, lastUse: '2025-03-02' }),
  sampleSeat('Alex Wilber', 'never', 115, { lastUse: null }),
  sampleSeat('Nestor Wilke', 'idle', 55),
  sampleSeat('Irvin Sayers', 'idle', 40, {
    reclaimable: false,
    note: 'not reclaimable directly — assigned by group LIC - Copilot',
  }),
];

export const COPILOT_SAMPLES = {
  copilot: () =>
    copilotCardData({
      overview: sampleCopilotOverview(),
      page: { page: 1, pageSize: 10, total: 31, status: 'flagged', items: SAMPLE_IDLE_SEATS() },
      waitlist: WAITING,
      admin: true,
      now: SAMPLE_NOW,
      banner: BANNER,
    }),
  'copilot-waitlist': () =>
    copilotWaitlistCardData({
      items: [
        { entry: sampleEntry('waiting'), position: 1 },
        { entry: sampleEntry('waiting', { id: 'x2', displayName: null, reason: null, proposedAt: null }), position: 2 },
      ],
      total: 2,
      page: 1,
      pageSize: 10,
      free: 1,
      banner: BANNER,
    }),
  'copilot-assign': () =>
    copilotAssignCardData({
      entry: sampleEntry('waiting'),
      position: 1,
      free: 11,
      perSeat: SEAT_COST,
      admin: true,
      banner: BANNER,
    }),
};

export const COPILOT_VARIANTS = {
  copilot: [
    // A stale report, and a page that shrank since the card was sent.
    () =>
      copilotCardData({
        overview: {
          ...sampleCopilotOverview(),
          confidence: {
            level: 'medium',
            notes: [
              {
                code: 'stale-reports',
                text: 'The Copilot usage report is as of 2025-11-16, older than the 3-day lag allowed for.',
              },
            ],
          },
        },
        page: { page: 4, pageSize: 10, total: 31, status: 'flagged', items: SAMPLE_IDLE_SEATS().slice(0, 1) },
        waitlist: WAITING,
        admin: true,
        now: SAMPLE_NOW,
        banner: BANNER,
        notice: 'The list changed since that card was sent: it now has 4 page(s). This is the last one.',
      }),
    // A tenant without Copilot, seen by someone who is not an admin.
    () =>
      copilotCardData({
        overview: {
          ...sampleCopilotOverview(),
          skus: [],
          purchased: 0,
          assigned: 0,
          free: 0,
          holders: 0,
          active7: 0,
          active30: 0,
          apps: [],
          idle: { flagged: 0, excluded: 0 },
          monthlyAtStake: [],
          listPrice: false,
          waiting: 0,
        },
        page: { page: 1, pageSize: 10, total: 0, status: 'flagged', items: [] },
        waitlist: { total: 0, first: [], mine: null, holder: false },
        admin: false,
        now: SAMPLE_NOW,
        banner: '',
      }),
    // No idle seat; a reader who is not a holder asks for one; a reader waiting in line.
    () =>
      copilotCardData({
        overview: {
          ...sampleCopilotOverview(),
          free: 0,
          idle: { flagged: 0, excluded: 0 },
          monthlyAtStake: [],
          listPrice: false,
        },
        page: { page: 1, pageSize: 10, total: 0, status: 'flagged', items: [] },
        waitlist: { ...WAITING, holder: false },
        admin: false,
        now: SAMPLE_NOW,
        banner: '',
      }),
    () =>
      copilotCardData({
        overview: sampleCopilotOverview(),
        page: { page: 3, pageSize: 10, total: 31, status: 'flagged', items: [sampleSeat('Lee Gu', 'idle', 33)] },
        waitlist: { ...WAITING, holder: false, mine: 2 },
        admin: false,
        now: SAMPLE_NOW,
        banner: '',
      }),
  ],
  'copilot-waitlist': [
    () => copilotWaitlistCardData({ items: [], total: 0, page: 1, pageSize: 10, free: 0, banner: '' }),
    () =>
      copilotWaitlistCardData({
        items: [{ entry: sampleEntry('waiting'), position: 11 }],
        total: 25,
        page: 2,
        pageSize: 10,
        free: 0,
        banner: '',
        notice: 'The waitlist changed since that card was sent: it now has 3 page(s).',
      }),
  ],
  'copilot-assign': [
    () =>
      copilotAssignCardData({
        entry: sampleEntry('assigned'),
        position: null,
        free: 10,
        perSeat: SEAT_COST,
        admin: true,
        banner: '',
      }),
    () =>
      copilotAssignCardData({
        entry: sampleEntry('undone', { reason: null }),
        position: null,
        free: 11,
        perSeat: null,
        admin: true,
        banner: '',
      }),
    () =>
      copilotAssignCardData({
        entry: sampleEntry('cancelled', { outcome: 'Already holds a Copilot license.' }),
        position: null,
        free: 0,
        perSeat: null,
        admin: true,
        banner: BANNER,
      }),
    () =>
      copilotAssignCardData({
        entry: sampleEntry('waiting'),
        position: 3,
        free: 0,
        perSeat: null,
        admin: false,
        banner: '',
        refusal: 'No Copilot seat is free now (104 bought, 104 assigned).',
      }),
  ],
};
