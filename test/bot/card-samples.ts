import type { CardData, CardName } from '../../src/bot/cards/render';
import { errorCardData } from '../../src/bot/cards/error';
import { noticeCardData } from '../../src/bot/cards/notice';
import { runsCardData } from '../../src/bot/cards/runs';
import { permissionsCardData } from '../../src/bot/cards/permissions';
import { connectCardData } from '../../src/bot/cards/connect';
import { syncCardData } from '../../src/bot/cards/sync';
import { helpCardData } from '../../src/bot/commands/help';
import type { TaskRun } from '../../src/store';
import type { InsightsSummary } from '../../src/insights';
import { digestCardData } from '../../src/bot/cards/digest';
import { findingsCardData } from '../../src/bot/cards/findings';
import type { Finding, FindingKind, LicenseEvidence, UserInsight } from '../../src/insights';
import { DEFAULT_POLICY, POLICY_DESCRIPTIONS, POLICY_KEYS, formatPolicyValue } from '../../src/insights';
import { summaryCardData } from '../../src/bot/cards/summary';
import { userCardData } from '../../src/bot/cards/user';
import { licensesCardData } from '../../src/bot/cards/licenses';
import { downgradesCardData } from '../../src/bot/cards/downgrades';
import { spendCardData } from '../../src/bot/cards/spend';
import { policyCardData } from '../../src/bot/cards/policy';
import { historyCardData } from '../../src/bot/cards/history';
import type { AskBatch, AuditEvent, HolderAsk, ReclamationRequest, RequestState, TenantUser } from '../../src/store';
import { approvalCardData } from '../../src/bot/cards/approval';
import { approvalsCardData } from '../../src/bot/cards/approvals';
import { previewCardData } from '../../src/bot/cards/reclaim-preview';
import { holderCardData } from '../../src/bot/cards/holder';
import { askPreviewCardData, asksCardData } from '../../src/bot/cards/asks';
import { costFormCardData, costsCardData } from '../../src/bot/cards/costs';
import { differentiationCardData } from '../../src/bot/cards/differentiation';
import { suspiciousCardData } from '../../src/bot/cards/suspicious';
import { APPS } from '../../src/store';
import type { DifferentiationUserRow, SkuCost } from '../../src/insights';
import { COPILOT_SAMPLES, sampleCopilotOverview } from './copilot-samples';

/** A fixed "now" so sample cards (and their PNGs) do not change from run to run. */
export const SAMPLE_NOW = new Date('2025-11-24T09:00:00Z');
export const BANNER = "Demo mode: this is a simulated tenant, not your organisation's data.";

function run(task: string, status: string, startedAt: string, extra: Partial<TaskRun> = {}): TaskRun {
  const finished = new Date(new Date(startedAt).getTime() + 94_000).toISOString();
  return {
    id: `${task}-${startedAt}`,
    task,
    trigger: 'schedule',
    startedAt,
    finishedAt: status === 'running' ? null : finished,
    status,
    counts: { users: 2000, rowsWritten: 4210, requests: 37, retries: 2, throttledSeconds: 1.5 },
    skipped: [],
    error: null,
    instance: 'host:1',
    ...extra,
  };
}

export function sampleSummary(): InsightsSummary {
  const usd = (amount: string) => [{ currency: 'USD', amount, source: 'list-price' as const }];
  return {
    at: SAMPLE_NOW.toISOString(),
    reportsAsOf: '2025-11-21',
    users: { total: 2000, enabled: 1930, licensed: 1850 },
    counts: {
      inactive: { flagged: 142, excluded: 37, excludedBy: { mfa: 18, sso: 12, guest: 7 } },
      never: { flagged: 38, excluded: 12, excludedBy: { 'new-account': 12 } },
      blocked: { flagged: 21, excluded: 0, excludedBy: {} },
    },
    waste: {
      byKind: { inactive: usd('5112.00'), never: usd('1368.00'), blocked: usd('756.00') },
      total: usd('7236.00'),
      listPrice: true,
      unpricedLicenses: 4,
    },
    savings: usd('432.00'),
    suspicious: 0,
    confidence: {
      level: 'medium',
      notes: [
        { code: 'young-history', text: 'The first sync ran 2025-11-01 (23 days ago), less than the 90-day threshold.' },
      ],
    },
  };
}

export const E3: LicenseEvidence = {
  skuId: 'e3',
  skuPartNumber: 'SPE_E3',
  friendlyName: 'Microsoft 365 E3',
  direct: true,
  groups: [],
  reclaimable: true,
  note: null,
  monthlyCost: { amount: '36.00', currency: 'USD', source: 'list-price' },
  costNote: null,
};
export const PBI: LicenseEvidence = {
  skuId: 'pbi',
  skuPartNumber: 'POWER_BI_PRO',
  friendlyName: 'Power BI Pro',
  direct: false,
  groups: [{ id: 'g1', name: 'LIC - Power BI Pro' }],
  reclaimable: false,
  note: 'not reclaimable directly — assigned by group LIC - Power BI Pro',
  monthlyCost: { amount: '14.00', currency: 'USD', source: 'list-price' },
  costNote: null,
};

export function sampleFinding(kind: FindingKind, name: string, days: number | null, licenses = [E3]): Finding {
  const upn = `${name.split(' ')[0]!.toLowerCase()}@contoso.onmicrosoft.com`;
  const last = days === null ? null : new Date(SAMPLE_NOW.getTime() - days * 86_400_000).toISOString();
  const total = licenses.reduce((sum, l) => sum + Number(l.monthlyCost?.amount ?? 0), 0).toFixed(2);
  return {
    userId: `id-${name}`,
    userPrincipalName: upn,
    displayName: name,
    kind,
    status: 'flagged',
    exclusions: [],
    evidence: {
      accountEnabled: kind !== 'blocked',
      userType: 'Member',
      createdDateTime: '2023-02-01T10:00:00Z',
      accountAgeDays: 1027,
      mfaRegistered: false,
      onPremisesSyncEnabled: null,
      mailboxType: 'User',
      lastSuccessfulSignIn: last,
      lastNonInteractiveSignIn: last,
      lastSignInAttempt: kind === 'never' ? '2025-11-02T08:00:00Z' : last,
      lastActivityDate: last?.slice(0, 10) ?? null,
      lastUsedApp: last ? 'outlook' : null,
      apps: [],
      latest: last ? { date: last, source: 'sign-in' } : null,
      daysSinceLatest: days,
    },
    licenses,
    monthlyCost: [{ currency: 'USD', amount: total }],
    listPrice: true,
    confidence: { level: 'high', notes: [] },
  };
}

export function sampleRequest(state: RequestState): ReclamationRequest {
  return {
    id: '3f2c1a9e-1111-4222-8333-944455556666',
    userId: 'u-lynne',
    userPrincipalName: 'LynneR@contoso.onmicrosoft.com',
    skuId: 'e3',
    toSkuId: null,
    reason: 'inactive',
    evidence: {
      lastUse: '2025-07-23T08:14:00Z',
      lastUseSource: 'sign-in',
      daysSinceLastUse: 124,
      accountEnabled: true,
      confidence: 'high',
      skuName: 'Microsoft 365 E3',
      approverName: 'Megan Bowen',
    },
    requestedBy: 'u-adele',
    approverId: 'u-megan',
    state,
    version: 3,
    disabledPlans: [],
    graphRequestId: null,
    writeSentAt: null,
    monthlySaving: '36.00',
    currency: 'USD',
    dryRun: true,
    comment: state === 'rejected' ? 'Still needed for year-end' : null,
    outcome: state === 'failed' ? 'Graph refused the removal: Service unavailable (HTTP 503 ServiceUnavailable)' : null,
    cards: {},
    createdAt: '2025-11-21T10:00:00Z',
    updatedAt: '2025-11-22T10:00:00Z',
    expiresAt: '2025-11-28T10:00:00Z',
    holderAnswer: null,
    holderNote: null,
    askedAt: null,
    askUntil: null,
    remindedAt: null,
    holderAnsweredAt: null,
  };
}

/** A request whose holder has their card: asked, answer due in a week, with last use per app. */
export function sampleAsking(): ReclamationRequest {
  const r = sampleRequest('asking');
  return {
    ...r,
    holderAnswer: 'asking',
    askedAt: '2025-11-24T10:00:00Z',
    askUntil: '2025-12-01T10:00:00Z',
    evidence: {
      ...r.evidence,
      apps: [
        { app: 'Outlook', date: '2025-07-23' },
        { app: 'Microsoft Teams', date: '2025-07-02' },
        { app: 'Power BI', date: '2025-06-11T10:00:00Z' },
      ],
    },
  };
}

export function sampleBatch(kind: 'bulk' | 'reclaim'): AskBatch {
  return {
    id: '6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b',
    kind,
    list: kind === 'bulk' ? 'inactive' : null,
    requestedBy: 'u-adele',
    state: 'confirmed',
    conversationId: 'a:adele',
    activityId: 'act-1',
    createdAt: '2025-11-24T09:00:00Z',
    confirmedAt: '2025-11-24T09:01:00Z',
    expiresAt: '2025-11-24T09:15:00Z',
  };
}

/** `n` asks in every state a batch shows: sent and asked, answered each way, not reachable, waiting, skipped. */
export function sampleAsks(n: number): HolderAsk[] {
  const statuses = ['sent', 'sent', 'sent', 'sent', 'sent', 'skipped', 'pending', 'skipped'];
  return Array.from({ length: n }, (_, i) => ({
    id: `ask-${i}`,
    batchId: '6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b',
    userId: `u-${i}`,
    userPrincipalName: `user${i}@contoso.onmicrosoft.com`,
    displayName: i === 3 ? null : `User ${i}`,
    skuId: 'e3',
    skuName: 'Microsoft 365 E3',
    monthlyCost: i === 2 ? null : '36.00',
    currency: i === 2 ? null : 'USD',
    requestId: i % 8 === 7 ? null : `req-${i}`,
    status: statuses[i % 8]!,
    attempts: 1,
    nextAttemptAt: null,
    note: i % 8 === 7 ? 'A request for this license is already open.' : null,
    sentAt: null,
    createdAt: '2025-11-24T09:01:00Z',
  }));
}

export function sampleAskRequests(n: number): ReclamationRequest[] {
  const shapes: Partial<ReclamationRequest>[] = [
    { state: 'asking', holderAnswer: 'asking', askedAt: '2025-11-24T10:00:00Z', askUntil: '2025-12-01T10:00:00Z' },
    { state: 'released', holderAnswer: 'released' },
    { state: 'requested', holderAnswer: 'kept', holderNote: 'I need it for upcoming work: Q1 budget' },
    {
      state: 'requested',
      holderAnswer: 'unanswered',
      holderNote: 'No answer from the holder by 2025-12-01T10:00:00Z.',
    },
    { state: 'reclaimed', holderAnswer: 'released' },
    {
      state: 'requested',
      holderAnswer: 'unreachable',
      holderNote: 'Graph refused to install License Steward for them (HTTP 403).',
    },
    { state: 'asking', holderAnswer: 'asking' },
  ];
  return Array.from({ length: n }, (_, i) => ({
    ...sampleRequest('asking'),
    id: `req-${i}`,
    ...shapes[i % 8 === 7 ? 0 : i % 7],
  }));
}

export function sampleUser(): TenantUser {
  return {
    id: 'u-lynne',
    userPrincipalName: 'LynneR@contoso.onmicrosoft.com',
    mail: 'LynneR@contoso.onmicrosoft.com',
    displayName: 'Lynne Robbins',
    givenName: 'Lynne',
    surname: 'Robbins',
    jobTitle: 'Planner',
    country: 'United States',
    usageLocation: 'US',
    userType: 'Member',
    accountEnabled: true,
    createdDateTime: '2022-08-12T09:00:00Z',
    onPremisesSyncEnabled: null,
    managerId: 'u-megan',
    mfaRegistered: false,
    lastSignInDateTime: '2025-07-23T08:14:00Z',
    lastNonInteractiveSignInDateTime: '2025-07-23T08:20:00Z',
    lastSuccessfulSignInDateTime: '2025-07-23T08:14:00Z',
    lastUsedApp: 'outlook',
    lastActivityDate: '2025-07-23',
    activations: 'Windows',
    mailUsageMb: 1834.2,
    oneDriveUsageMb: 512,
    mailboxType: 'User',
    usesWindows: true,
    usesMac: false,
    usesMobile: true,
    usesWeb: false,
    heldSkuIds: 'e3',
    activeDate: '2025-10-01T02:00:00Z',
    deactivatedDate: null,
    lastSeenRunId: null,
    updatedAt: '2025-11-24T02:00:00Z',
  };
}

function sampleInsight(): UserInsight {
  const finding = sampleFinding('inactive', 'Lynne Robbins', 124, [E3, PBI]);
  finding.evidence.apps = [
    { app: 'outlook', label: 'Outlook', date: '2025-07-23', source: 'report', asOf: '2025-11-21' },
    { app: 'exchange', label: 'Microsoft Exchange Server', date: '2025-07-23', source: 'report', asOf: '2025-11-21' },
    { app: 'teams', label: 'Microsoft Teams', date: '2025-07-02', source: 'report', asOf: '2025-11-21' },
    { app: 'powerbi', label: 'Power BI', date: '2025-06-11T10:00:00Z', source: 'signin', asOf: null },
  ];
  return {
    userId: finding.userId,
    userPrincipalName: 'LynneR@contoso.onmicrosoft.com',
    displayName: 'Lynne Robbins',
    state: 'inactive',
    finding,
    evidence: finding.evidence,
    licenses: finding.licenses,
    exclusions: [],
    confidence: {
      level: 'medium',
      notes: [{ code: 'mfa-unknown', text: 'MFA registration unknown: the MFA/SSO rule could not be checked.' }],
    },
    usersTab: {
      upn: 'LynneR@contoso.onmicrosoft.com',
      email: 'LynneR@contoso.onmicrosoft.com',
      firstName: 'Lynne',
      lastName: 'Robbins',
      title: 'Planner',
      country: 'United States',
      guest: false,
      accountCreatedDate: '2021-03-01T10:00:00Z',
      activeDate: '2025-01-10T02:00:00Z',
      deactivatedDate: null,
      licenses: ['Microsoft 365 E3', 'Power BI Pro'],
      blockCredentials: false,
      mfa: null,
      lastUsedApp: 'Outlook',
      signInToM365Domain: '2025-07-23T08:00:00Z',
      lastActivityDate: '2025-07-23',
      daysSinceLastActivity: 124,
      activations: 'MICROSOFT 365 APPS FOR ENTERPRISE',
      mailUsageMb: 812.4,
      oneDriveUsageMb: 120,
      windows: true,
      mac: false,
      mobile: false,
      web: true,
      onPremisesSync: false,
    },
  };
}

function audit(
  id: number,
  at: string,
  actor: string,
  action: string,
  outcome: string,
  detail: Record<string, unknown>,
): AuditEvent {
  return {
    id,
    at,
    actor,
    action,
    subjectType: 'user',
    subjectId: 'u-lynne',
    requestId: null,
    outcome,
    detail,
    count: 1,
    hour: null,
  };
}

const SAMPLE_CONSENT_URL = `https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/adminconsent?client_id=5a6b7c8d-1111-2222-3333-444455556666&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&redirect_uri=https%3A%2F%2Fsteward.example%2Fauth%2Fconsent&state=1.${'n'.repeat(43)}.${'s'.repeat(43)}`;

/** Sample data per card, typed by its template's data: what the tests validate and `cards:preview` renders. */
export const CARD_SAMPLES: { [N in CardName]: () => CardData[N] } = {
  ...COPILOT_SAMPLES,
  help: () =>
    helpCardData({
      banner: BANNER,
      commands: () => [
        { name: 'help', usage: 'help', description: 'Show this list of commands.', handle: async () => {} },
        {
          name: 'inactive',
          usage: 'inactive [days]',
          description: 'Users with no activity for 90 days (or the days you give).',
          handle: async () => {},
        },
        {
          name: 'sync',
          usage: 'sync [task]',
          description: 'Run the integration tasks now (admins).',
          handle: async () => {},
        },
      ],
    }),
  error: () =>
    errorCardData({
      title: 'That is not quite right',
      message: '"abc" is not a number of days.',
      hint: 'Send `help` to see every command.',
      example: 'inactive 60',
    }),
  notice: () =>
    noticeCardData({
      title: 'Subscribed to the weekly digest',
      text: 'This channel gets the digest every Monday at 09:00 (Europe/Berlin).',
      facts: [{ title: 'Next digest', value: '2025-12-01 09:00' }],
      note: 'Send `digest unsubscribe` to stop it.',
    }),
  runs: () =>
    runsCardData({
      now: SAMPLE_NOW,
      banner: BANNER,
      runs: {
        licenses: [
          run('licenses', 'succeeded', '2025-11-24T03:00:00Z', { counts: { skus: 9, rowsWritten: 9, requests: 1 } }),
        ],
        roster: [
          run('roster', 'partial', '2025-11-24T02:00:00Z', {
            skipped: [
              {
                part: 'Sign in to M365 Domain',
                reason: 'Permission AuditLog.Read.All is not granted.',
                permission: 'AuditLog.Read.All',
              },
            ],
          }),
          run('roster', 'succeeded', '2025-11-23T02:00:00Z'),
        ],
        access: [
          run('access', 'failed', '2025-11-24T02:30:00Z', {
            error: 'Microsoft Graph answered 503 (ServiceUnavailable) after 10 attempts.',
          }),
        ],
        differentiation: [
          run('differentiation', 'succeeded', '2025-11-24T03:01:00Z', {
            trigger: 'sync',
            counts: { users: 2000, skus: 9 },
          }),
        ],
        reclamation: [
          run('reclamation', 'succeeded', '2025-11-24T08:10:00Z', { trigger: 'undo', counts: { undone: 1 } }),
          run('reclamation', 'partial', '2025-11-23T15:00:00Z', {
            trigger: 'approval',
            counts: { reclaimed: 2, failed: 1 },
            error: 'lidiah@contoso.onmicrosoft.com: Graph refused the removal: (HTTP 400 Request_BadRequest)',
          }),
        ],
      },
    }),
  permissions: () =>
    permissionsCardData({
      roles: new Set(['Directory.Read.All', 'Reports.Read.All']),
      banner: BANNER,
      credential: 'certificate (signed client assertion)',
      consentUrl: SAMPLE_CONSENT_URL,
    }),
  connect: () =>
    connectCardData({
      url: SAMPLE_CONSENT_URL,
      expiresAt: new Date('2025-11-24T10:15:00Z'),
      credential: 'managed identity (workload identity federation)',
      banner: BANNER,
    }),
  digest: () =>
    digestCardData({
      scheduledFor: '2025-11-24T09:00:00Z',
      summary: sampleSummary(),
      previous: { counts: { inactive: 150, never: 38, blocked: 19 }, waste: [{ currency: 'USD', amount: '7380.00' }] },
      savingsThisWeek: [{ currency: 'USD', amount: '144.00' }],
      holders: { asked: 12, released: 5, kept: 3, unanswered: 2, unreachable: 1 },
      topIdle: [
        {
          name: 'Lynne Robbins',
          upn: 'LynneR@contoso.onmicrosoft.com',
          kind: 'inactive',
          licenses: 'Microsoft 365 E5',
          monthlyCost: [{ currency: 'USD', amount: '57.00' }],
          daysIdle: 124,
        },
        {
          name: 'Diego Siciliani',
          upn: 'DiegoS@contoso.onmicrosoft.com',
          kind: 'never',
          licenses: 'Microsoft 365 E3, Power BI Pro',
          monthlyCost: [{ currency: 'USD', amount: '46.00' }],
          daysIdle: null,
        },
        {
          name: 'Isaiah Langer',
          upn: 'IsaiahL@contoso.onmicrosoft.com',
          kind: 'blocked',
          licenses: 'Microsoft 365 E3, Dynamics 365 Sales',
          monthlyCost: [{ currency: 'USD', amount: '131.00' }],
          daysIdle: 66,
        },
      ],
      downgrades: { users: 23, monthlySaving: [{ currency: 'USD', amount: '276.00' }] },
      approvals: { pending: 3, oldestCreatedAt: '2025-11-19T10:00:00Z' },
      tasks: [
        { task: 'licenses', status: 'succeeded', finishedAt: '2025-11-24T03:01:00Z' },
        { task: 'roster', status: 'partial', finishedAt: '2025-11-24T02:05:00Z' },
        { task: 'access', status: 'failed', finishedAt: '2025-11-24T02:31:00Z' },
      ],
      suspicious: 12,
      copilot: sampleCopilotOverview(),
      now: SAMPLE_NOW,
      banner: BANNER,
    }),
  findings: () =>
    findingsCardData({
      page: {
        kind: 'inactive',
        status: 'flagged',
        sort: 'cost',
        page: 2,
        pageSize: 10,
        total: 48,
        items: [
          sampleFinding('inactive', 'Lynne Robbins', 124, [E3, PBI]),
          sampleFinding('inactive', 'Amir Wilson', 93),
          sampleFinding('inactive', 'Julia Abbott', 333),
        ],
      },
      thresholdDays: 90,
      now: SAMPLE_NOW,
      banner: BANNER,
      reclaim: true,
      ask: true,
      excludedCount: 16,
      exportUrl: 'https://steward.example.com/api/export/findings.csv?list=inactive&by=x&exp=1&sig=x',
    }),
  summary: () =>
    summaryCardData({
      summary: sampleSummary(),
      thresholdDays: 90,
      now: SAMPLE_NOW,
      banner: BANNER,
      copilot: sampleCopilotOverview(),
      downgrades: { users: 23, monthlySaving: [{ currency: 'USD', amount: '276.00' }] },
      approvals: { pending: 3, oldestCreatedAt: '2025-11-19T10:00:00Z' },
      tasks: [
        { task: 'licenses', status: 'succeeded', finishedAt: '2025-11-24T03:01:00Z' },
        { task: 'roster', status: 'partial', finishedAt: '2025-11-24T02:05:00Z' },
        { task: 'access', status: 'succeeded', finishedAt: '2025-11-24T02:31:00Z' },
      ],
      usersExportUrl: 'https://steward.example.com/api/export/findings.csv?list=users&by=x&exp=1&sig=x',
    }),
  user: () =>
    userCardData({ insight: sampleInsight(), user: sampleUser(), thresholdDays: 90, now: SAMPLE_NOW, banner: BANNER }),
  licenses: () =>
    licensesCardData({
      banner: BANNER,
      lines: [
        {
          skuId: 'e3',
          skuPartNumber: 'SPE_E3',
          friendlyName: 'Microsoft 365 E3',
          managed: true,
          consumedUnits: 231,
          prepaidUnits: 250,
          cost: {
            amount: '36.00',
            currency: 'USD',
            paymentFrequency: 'monthly',
            effectiveDate: null,
            expirationDate: null,
            source: 'list-price',
          },
          monthlyPerLicense: { amount: '36.00', currency: 'USD', source: 'list-price' },
          monthlyTotal: { amount: '8316.00', currency: 'USD' },
          source: 'list-price',
          flags: [],
        },
        {
          skuId: 'pbi',
          skuPartNumber: 'POWER_BI_PRO',
          friendlyName: 'Power BI Pro',
          managed: true,
          consumedUnits: 40,
          prepaidUnits: 75,
          cost: {
            amount: '1200.00',
            currency: 'EUR',
            paymentFrequency: 'annual',
            effectiveDate: '2025-01-01',
            expirationDate: '2025-12-31',
            source: 'entered',
          },
          monthlyPerLicense: { amount: '100.00', currency: 'EUR', source: 'entered' },
          monthlyTotal: { amount: '4000.00', currency: 'EUR' },
          source: 'entered',
          flags: [],
        },
        {
          skuId: 'flow',
          skuPartNumber: 'FLOW_FREE',
          friendlyName: 'Microsoft Power Automate Free',
          managed: false,
          consumedUnits: 12,
          prepaidUnits: 10000,
          cost: null,
          monthlyPerLicense: null,
          monthlyTotal: null,
          source: null,
          flags: ['unpriced', 'unmanaged'],
        },
      ],
      usage: [
        {
          skuId: 'e3',
          skuPartNumber: 'SPE_E3',
          friendlyName: 'Microsoft 365 E3',
          holders: 231,
          idle90: 14,
          services: [
            { app: 'exchange', label: 'Microsoft Exchange Server', active30: 200, active90: 210 },
            { app: 'teams', label: 'Microsoft Teams', active30: 190, active90: 205 },
            { app: 'sharepoint', label: 'SharePoint', active30: 120, active90: 160 },
            { app: 'onedrive', label: 'OneDrive', active30: 100, active90: 150 },
            { app: 'outlook', label: 'Outlook', active30: 180, active90: 200 },
            { app: 'yammer', label: 'Yammer', active30: 2, active90: 5 },
          ],
        },
      ],
    }),
  downgrades: () =>
    downgradesCardData({
      banner: BANNER,
      request: true,
      overlaps: {
        total: 4,
        groups: [
          {
            redundant: 'Office 365 E3',
            coveredBy: 'Microsoft 365 E5',
            users: 4,
            monthlySaving: { currency: 'USD', amount: '92.00' },
          },
        ],
      },
      page: {
        page: 1,
        pageSize: 10,
        total: 23,
        groups: [
          {
            from: 'Microsoft 365 E5',
            to: 'Microsoft 365 E3',
            users: 15,
            monthlySaving: { currency: 'USD', amount: '315.00' },
          },
          {
            from: 'Microsoft 365 E3',
            to: 'Office 365 E1',
            users: 8,
            monthlySaving: { currency: 'USD', amount: '200.00' },
          },
        ],
        items: [
          {
            userId: 'u1',
            userPrincipalName: 'meganb@contoso.onmicrosoft.com',
            displayName: 'Megan Bowen',
            from: {
              skuId: 'e5',
              skuPartNumber: 'SPE_E5',
              friendlyName: 'Microsoft 365 E5',
              monthlyCost: { amount: '57.00', currency: 'USD', source: 'list-price' },
            },
            to: {
              skuId: 'e3',
              skuPartNumber: 'SPE_E3',
              friendlyName: 'Microsoft 365 E3',
              monthlyCost: { amount: '36.00', currency: 'USD', source: 'list-price' },
              availableSeats: 19,
            },
            usedServices: ['Exchange', 'Teams', 'SharePoint'],
            lostPlans: ['Defender for Office 365 P2', 'Power BI Pro', 'Phone System'],
            monthlySaving: { currency: 'USD', amount: '21.00' },
            listPrice: true,
            reclaimable: true,
          },
        ],
      },
    }),
  spend: () =>
    spendCardData({
      banner: BANNER,
      spend: {
        at: SAMPLE_NOW.toISOString(),
        totals: [
          { currency: 'EUR', amount: '4000.00' },
          { currency: 'USD', amount: '8316.00' },
        ],
        listPrice: true,
        lines: [
          {
            skuId: 'e3',
            skuPartNumber: 'SPE_E3',
            friendlyName: 'Microsoft 365 E3',
            managed: true,
            consumedUnits: 231,
            prepaidUnits: 250,
            cost: {
              amount: '36.00',
              currency: 'USD',
              paymentFrequency: 'monthly',
              effectiveDate: null,
              expirationDate: null,
              source: 'list-price',
            },
            monthlyPerLicense: { amount: '36.00', currency: 'USD', source: 'list-price' },
            monthlyTotal: { amount: '8316.00', currency: 'USD' },
            source: 'list-price',
            flags: [],
          },
          {
            skuId: 'pbi',
            skuPartNumber: 'POWER_BI_PRO',
            friendlyName: 'Power BI Pro',
            managed: true,
            consumedUnits: 40,
            prepaidUnits: 75,
            cost: {
              amount: '1200.00',
              currency: 'EUR',
              paymentFrequency: 'annual',
              effectiveDate: '2025-01-01',
              expirationDate: '2025-12-31',
              source: 'entered',
            },
            monthlyPerLicense: { amount: '100.00', currency: 'EUR', source: 'entered' },
            monthlyTotal: { amount: '4000.00', currency: 'EUR' },
            source: 'entered',
            flags: [],
          },
          {
            skuId: 'vis',
            skuPartNumber: 'VISIOCLIENT',
            friendlyName: 'Visio Plan 2',
            managed: true,
            consumedUnits: 5,
            prepaidUnits: 5,
            cost: {
              amount: '15.00',
              currency: 'USD',
              paymentFrequency: 'monthly',
              effectiveDate: '2024-01-01',
              expirationDate: '2024-12-31',
              source: 'entered',
            },
            monthlyPerLicense: null,
            monthlyTotal: null,
            source: null,
            flags: ['expired'],
          },
        ],
      },
    }),
  policy: () =>
    policyCardData({
      banner: BANNER,
      view: {
        policy: {
          ...DEFAULT_POLICY,
          excludedUsers: [],
          excludedGroups: ['License Steward - Excluded'],
          serviceAccountPatterns: ['svc-*@*'],
        },
        entries: POLICY_KEYS.map((key) => ({
          key,
          value: DEFAULT_POLICY[key],
          text: key === 'excludedGroups' ? 'License Steward - Excluded' : formatPolicyValue(DEFAULT_POLICY[key]),
          isDefault: key !== 'excludedGroups',
          description: POLICY_DESCRIPTIONS[key],
          updatedAt: key === 'excludedGroups' ? '2025-11-20T10:00:00Z' : null,
          updatedBy: null,
        })),
        managedSkus: { all: true, skus: [] },
        warnings: [],
      },
      admins: { users: ['1f8a7b9c-2d3e-4f50-8a1b-2c3d4e5f6a01'], groups: [], source: 'default' },
      schedule: { cron: '0 9 * * 1', timezone: 'Europe/Berlin' },
      reclamation: {
        approvers: { users: [], groups: ['g1'] },
        dryRun: true,
        expiryDays: 7,
        approvalsChannel: '19:licensing@thread.tacv2',
        autoRequestDays: 180,
        askHolder: true,
        askDays: 7,
        managerAfterRelease: false,
        keepCloses: false,
        keepCooldownDays: 90,
      },
    }),
  'reclaim-preview': () =>
    previewCardData({
      banner: BANNER,
      dryRun: true,
      askHolder: true,
      target: { upns: ['lynner@contoso.onmicrosoft.com', 'leeg@contoso.onmicrosoft.com'] },
      plans: [
        {
          userPrincipalName: 'LynneR@contoso.onmicrosoft.com',
          refusals: [],
          items: [
            E3,
            {
              ...E3,
              skuId: 'pbi2',
              friendlyName: 'Power BI Pro',
              monthlyCost: { amount: '14.00', currency: 'USD', source: 'list-price' as const },
            },
          ].map((l) => ({
            userId: 'u-lynne',
            userPrincipalName: 'LynneR@contoso.onmicrosoft.com',
            displayName: 'Lynne Robbins',
            skuId: l.skuId,
            skuName: l.friendlyName,
            reason: 'inactive' as const,
            evidence: {},
            monthlySaving: l.monthlyCost,
            approver: { id: 'u-megan', displayName: 'Megan Bowen', source: 'manager' as const },
          })),
        },
        {
          userPrincipalName: 'LeeG@contoso.onmicrosoft.com',
          items: [],
          refusals: [
            { skuName: 'Microsoft 365 E3', why: 'not reclaimable directly — assigned by group LIC - M365 E3' },
          ],
        },
      ],
    }),
  approval: () =>
    approvalCardData({
      request: {
        ...sampleRequest('requested'),
        holderAnswer: 'kept',
        holderNote: 'I use it regularly: month-end close in Excel',
        holderAnsweredAt: '2025-11-22T09:00:00Z',
      },
      userName: 'Lynne Robbins',
      requesterName: 'Adele Vance',
      approverName: 'Megan Bowen',
      view: { decide: true, undo: true, retry: true },
      refreshUserIds: ['29:megan'],
      now: SAMPLE_NOW,
      banner: BANNER,
    }),
  holder: () =>
    holderCardData({
      request: sampleAsking(),
      canAnswer: true,
      approverName: 'Megan Bowen',
      requesterName: 'Adele Vance',
      refreshUserIds: ['29:lynne'],
      notice: 'Reminder: your answer is needed by 2025-12-01 10:00 UTC.',
      banner: BANNER,
    }),
  asks: () =>
    asksCardData({
      batch: sampleBatch('bulk'),
      asks: sampleAsks(17),
      requests: new Map(sampleAskRequests(17).map((r) => [r.id, r])),
      dryRun: true,
      banner: BANNER,
      notice: 'Teams asked to slow down: sending resumes in a minute.',
    }),
  'ask-preview': () =>
    askPreviewCardData({
      batchId: '6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b',
      list: 'inactive',
      people: 40,
      licenses: 52,
      monthly: [{ currency: 'USD', amount: '1404.00' }],
      left: Array.from({ length: 12 }, (_, i) => ({
        who: `User ${i} · Microsoft 365 E3`,
        why: i % 2 ? 'a request is already open' : 'kept on 2025-11-01: not asked again yet',
      })),
      dryRun: true,
      askDays: 7,
      banner: BANNER,
    }),
  approvals: () =>
    approvalsCardData({
      pending: [sampleRequest('requested'), sampleRequest('failed')],
      recent: [sampleRequest('reclaimed'), sampleRequest('rejected')],
      names: new Map([['u-megan', 'Megan Bowen']]),
      scope: 'Requests you approve or asked for.',
      now: SAMPLE_NOW,
      banner: BANNER,
      viewer: 'u-megan',
      notice: 'Approved 2 request(s).',
    }),
  history: () =>
    historyCardData({
      upn: 'LynneR@contoso.onmicrosoft.com',
      displayName: 'Lynne Robbins',
      more: 2,
      actors: new Map([
        ['adele', 'Adele Vance'],
        ['megan', 'Megan Bowen'],
      ]),
      events: [
        audit(3, '2025-11-22T10:05:00Z', 'system', 'reclaim.reclaimed', 'ok', {
          sku: 'SPE_E3',
          monthlySaving: '36.00',
        }),
        audit(2, '2025-11-21T16:40:00Z', 'megan', 'request.approved', 'ok', { comment: 'Left the company in July' }),
        audit(1, '2025-11-20T09:12:00Z', 'adele', 'request.created', 'ok', { sku: 'SPE_E3', reason: 'inactive' }),
      ],
    }),
  sync: () =>
    syncCardData({
      startedBy: 'Adele Vance',
      startedAt: '2025-11-24T08:59:00Z',
      finished: false,
      tasks: [
        { task: 'licenses', state: 'succeeded', detail: '9 SKUs' },
        { task: 'roster', state: 'running', detail: 'users: 1,200 of 2,000' },
        { task: 'access', state: 'queued', detail: '' },
      ],
    }),
  costs: () => PARITY_SAMPLES.costs(),
  'cost-form': () => PARITY_SAMPLES['cost-form'](),
  differentiation: () => PARITY_SAMPLES.differentiation(),
  suspicious: () => PARITY_SAMPLES.suspicious(),
};

/** A managed license with an entered cost (one in force, one a renewal), and one on the list price. */
export function sampleCosts(): SkuCost[] {
  return [
    {
      skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
      skuPartNumber: 'SPE_E3',
      friendlyName: 'Microsoft 365 E3',
      managed: true,
      monthly: { amount: '33.00', currency: 'USD' },
      source: 'entered',
      flags: [],
      entered: [
        {
          id: 1,
          cost: '396.00',
          currency: 'USD',
          frequency: 'annual',
          months: null,
          effective: '2025-01-01',
          expires: '2025-12-31',
          status: 'in force',
          enteredAt: '2025-01-02T10:00:00Z',
        },
        {
          id: 2,
          cost: '1188.00',
          currency: 'USD',
          frequency: 'multi-year',
          months: 36,
          effective: '2026-01-01',
          expires: null,
          status: 'future',
          enteredAt: '2025-11-20T10:00:00Z',
        },
      ],
    },
    {
      skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
      skuPartNumber: 'SPE_E5',
      friendlyName: 'Microsoft 365 E5',
      managed: true,
      monthly: { amount: '57.00', currency: 'USD' },
      source: 'list-price',
      flags: ['expired'],
      entered: [
        {
          id: 3,
          cost: '50.00',
          currency: 'USD',
          frequency: 'monthly',
          months: null,
          effective: '2024-01-01',
          expires: '2024-12-31',
          status: 'expired',
          enteredAt: '2024-01-02T10:00:00Z',
        },
      ],
    },
    {
      skuId: 'f30db892-07e9-47e9-837c-80727f46fd3d',
      skuPartNumber: 'FLOW_FREE',
      friendlyName: 'Microsoft Power Automate Free',
      managed: false,
      monthly: null,
      source: null,
      flags: ['unpriced'],
      entered: [],
    },
  ];
}

/** A user and license with some applications used in 90 days and the others not. */
export function sampleDifferentiationRow(
  name: string,
  used: Partial<Record<(typeof APPS)[number], number>>,
): DifferentiationUserRow {
  const day = (n: number) => new Date(SAMPLE_NOW.getTime() - n * 86_400_000).toISOString().slice(0, 10);
  const apps = APPS.map((app) => ({
    app,
    label: app === 'visio' ? 'Visio (activation)' : app,
    date: used[app] === undefined ? null : day(used[app]!),
    daysSince: used[app] ?? null,
  }));
  const recent = apps.filter((a) => a.date).sort((a, b) => (a.daysSince ?? 0) - (b.daysSince ?? 0))[0];
  return {
    userId: `u-${name}`,
    userPrincipalName: `${name.toLowerCase().replace(/ /g, '.')}@contoso.onmicrosoft.com`,
    displayName: name,
    skuId: 'e3',
    skuPartNumber: 'SPE_E3',
    friendlyName: 'Microsoft 365 E3',
    assignment: 'direct',
    apps,
    lastActivity: recent ? { app: recent.app, date: recent.date!, daysSince: recent.daysSince! } : null,
  };
}

/** The cards added for costs, differentiation and suspicious activities (merged into CARD_SAMPLES). */
export const PARITY_SAMPLES: { [N in 'costs' | 'cost-form' | 'differentiation' | 'suspicious']: () => CardData[N] } = {
  costs: () =>
    costsCardData({
      costs: sampleCosts(),
      canEdit: true,
      notice: 'Saved for Microsoft 365 E3: 396.00 USD annual, 2025-01-01 to 2025-12-31 (in force).',
      banner: BANNER,
    }),
  'cost-form': () =>
    costFormCardData({
      sku: sampleCosts()[0]!,
      currencies: ['EUR', 'GBP', 'USD'],
      error: 'cost: "0" is not a positive amount such as 36 or 432.00',
      currency: 'USD',
      frequency: 'annual',
      banner: BANNER,
    }),
  differentiation: () =>
    differentiationCardData({
      page: {
        skus: [
          { skuId: 'e3', skuPartNumber: 'SPE_E3', friendlyName: 'Microsoft 365 E3' },
          { skuId: 'e5', skuPartNumber: 'SPE_E5', friendlyName: 'Microsoft 365 E5' },
        ],
        page: 2,
        pageSize: 10,
        total: 31,
        items: [
          sampleDifferentiationRow('Lynne Robbins', { exchange: 2, teams: 5, outlook: 2, sharepoint: 40, visio: 12 }),
          sampleDifferentiationRow('Diego Siciliani', {}),
          sampleDifferentiationRow('Megan Bowen', Object.fromEntries(APPS.map((a, i) => [a, i]))),
        ],
      },
      exportUrl: 'https://steward.example.com/api/export/findings.csv?list=differentiation&by=x&exp=1&sig=x',
      banner: BANNER,
    }),
  suspicious: () =>
    suspiciousCardData({
      banner: BANNER,
      page: {
        total: 24,
        page: 1,
        pageSize: 10,
        fix: 'In the Microsoft 365 admin center, go to Settings > Org settings > Reports and clear "Display concealed user, group, and site names in all reports".',
        byReport: [
          {
            report: 'activeUsers',
            label: 'Active users (getOffice365ActiveUserDetail)',
            rows: 12,
            lastSeenAt: '2025-11-24T02:31:00Z',
          },
          {
            report: 'mailbox',
            label: 'Mailbox usage (getMailboxUsageDetail)',
            rows: 12,
            lastSeenAt: '2025-11-24T02:05:00Z',
          },
        ],
        items: [
          {
            report: 'activeUsers',
            reportLabel: 'Active users (getOffice365ActiveUserDetail)',
            concealedName: '554630B7593DDE8E04F27933A965D5B2',
            reportRefreshDate: '2025-11-21',
            lastActivityDate: null,
            firstSeenAt: '2025-11-20T02:31:00Z',
            lastSeenAt: '2025-11-24T02:31:00Z',
          },
          {
            report: 'mailbox',
            reportLabel: 'Mailbox usage (getMailboxUsageDetail)',
            concealedName: '9F2C3A4B5D6E7F8091A2B3C4D5E6F708',
            reportRefreshDate: '2025-11-21',
            lastActivityDate: '2025-11-19',
            firstSeenAt: '2025-11-24T02:05:00Z',
            lastSeenAt: '2025-11-24T02:05:00Z',
          },
        ],
      },
    }),
};
