import { APP_LABELS, type AppName } from '../store';
import { classify } from './classify';
import { confidenceFor } from './confidence';
import type { InsightsContext } from './context';
import { daysSince, isReal, newest } from './dates';
import { likeMatches } from './like';
import { CurrencyTotals, formatAmount } from './money';
import type { SkuPrice } from './spend';
import type { UserDetail, UserFacts } from './sql/user-facts';
import {
  isFindingKind,
  type Evidence,
  type ExclusionCode,
  type Finding,
  type LicenseEvidence,
  type UserInsight,
  type UsersTab,
} from './types';

/**
 * Turns a user's facts into an explained insight: the state from `classify`, the evidence per
 * source, the managed licenses with their monthly cost, and a reason for every exclusion.
 */
export function explainUser(detail: UserDetail, ctx: InsightsContext): UserInsight {
  const { facts } = detail;
  const { state, exclusions: codes } = classify(facts, ctx.params);
  const evidence = evidenceOf(detail, ctx.now);
  const licenses = licensesOf(facts, ctx);
  const exclusions = codes.map((code) => ({ code, reason: reasonFor(code, facts, ctx) }));
  const confidence = confidenceFor(state, facts, ctx.notes, ctx.policy);
  const base = { userId: facts.id, userPrincipalName: facts.userPrincipalName, displayName: facts.displayName };
  let finding: Finding | null = null;
  if (isFindingKind(state)) {
    const totals = new CurrencyTotals();
    for (const l of licenses)
      if (l.monthlyCost) totals.add(l.monthlyCost.currency, ctx.skus.get(l.skuId)?.price.monthly ?? 0n);
    finding = {
      ...base,
      kind: state,
      status: exclusions.length ? 'excluded' : 'flagged',
      exclusions,
      evidence,
      licenses,
      monthlyCost: totals.list(),
      listPrice: licenses.some((l) => l.monthlyCost?.source === 'list-price'),
      confidence,
    };
  }
  return {
    ...base,
    state,
    finding,
    evidence,
    licenses,
    exclusions,
    confidence,
    ...(detail.tab ? { usersTab: usersTabOf(detail, evidence, licenses, ctx) } : {}),
  };
}

/**
 * The Users-tab columns. A platform column the roster's reports would have set is No for a user
 * absent from them (Yes or No is displayed: docs/product-rules.md R24), blank only when those reports were not read.
 */
function usersTabOf(
  detail: UserDetail,
  e: Evidence,
  licenses: readonly LicenseEvidence[],
  ctx: InsightsContext,
): UsersTab {
  const f = detail.facts;
  const t = detail.tab!;
  const platform = (v: boolean | null) => v ?? (ctx.data.rosterReports ? false : null);
  return {
    upn: f.userPrincipalName,
    email: t.mail,
    firstName: t.givenName,
    lastName: t.surname,
    title: t.jobTitle,
    country: t.country,
    guest: f.userType.toLowerCase() === 'guest',
    accountCreatedDate: e.createdDateTime,
    activeDate: t.activeDate,
    deactivatedDate: f.deactivatedDate,
    licenses: licenses.map((l) => l.friendlyName),
    blockCredentials: !f.accountEnabled,
    mfa: f.mfaRegistered,
    lastUsedApp: f.lastUsedApp ? (APP_LABELS[f.lastUsedApp as AppName] ?? f.lastUsedApp) : null,
    signInToM365Domain: e.lastSignInAttempt,
    lastActivityDate: e.lastActivityDate,
    daysSinceLastActivity: e.daysSinceLatest,
    activations: t.activations,
    mailUsageMb: t.mailUsageMb,
    oneDriveUsageMb: t.oneDriveUsageMb,
    windows: platform(t.usesWindows),
    mac: platform(t.usesMac),
    mobile: platform(t.usesMobile),
    web: platform(t.usesWeb),
    // docs/product-rules.md R24: Yes for an on-premises sync, No for a cloud account (never synced is cloud).
    onPremisesSync: f.onPremisesSyncEnabled === true,
  };
}

export function evidenceOf(detail: UserDetail, now: Date): Evidence {
  const f = detail.facts;
  const sources = [
    { date: f.lastSuccessfulSignInDateTime, source: 'sign-in' as const },
    { date: f.lastNonInteractiveSignInDateTime, source: 'non-interactive sign-in' as const },
    { date: f.lastActivityDate, source: 'app activity' as const },
  ].filter((s): s is { date: string; source: typeof s.source } => isReal(s.date));
  const latest = sources.reduce<(typeof sources)[number] | null>(
    (best, s) => (best === null || newest(best.date, s.date) !== best.date ? s : best),
    null,
  );
  const real = (v: string | null) => (isReal(v) ? v : null);
  return {
    accountEnabled: f.accountEnabled,
    userType: f.userType,
    createdDateTime: real(f.createdDateTime),
    accountAgeDays: daysSince(f.createdDateTime, now),
    mfaRegistered: f.mfaRegistered,
    onPremisesSyncEnabled: f.onPremisesSyncEnabled,
    mailboxType: f.mailboxType,
    lastSuccessfulSignIn: real(f.lastSuccessfulSignInDateTime),
    lastNonInteractiveSignIn: real(f.lastNonInteractiveSignInDateTime),
    lastSignInAttempt: real(f.lastSignInDateTime),
    lastActivityDate: real(f.lastActivityDate),
    lastUsedApp: f.lastUsedApp,
    apps: detail.apps
      .map((a) => ({
        app: a.app,
        label: APP_LABELS[a.app as AppName] ?? a.app,
        date: real(a.lastActivityDate),
        source: a.source,
        asOf: a.asOf,
      }))
      .sort((a, b) => cmp(b.date ?? '', a.date ?? '') || cmp(a.app, b.app)),
    latest,
    daysSinceLatest: latest ? daysSince(latest.date, now) : null,
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Per SKU, the parts of a license's evidence that do not depend on the user (computed once per context). */
const costCache = new WeakMap<SkuPrice, Pick<LicenseEvidence, 'monthlyCost' | 'costNote'>>();
function costOf(price: SkuPrice) {
  let cached = costCache.get(price);
  if (!cached) {
    cached = {
      monthlyCost:
        price.monthly !== null && price.currency && price.source
          ? { amount: formatAmount(price.monthly), currency: price.currency, source: price.source }
          : null,
      costNote: !price.flags.length
        ? null
        : price.monthly !== null
          ? `entered cost ${price.flags.join(', ')}: list price counts`
          : price.flags.join(', '),
    };
    costCache.set(price, cached);
  }
  return cached;
}

/** Managed licenses only, one entry per SKU; group-inherited ones are marked not reclaimable. */
export function licensesOf(facts: UserFacts, ctx: InsightsContext): LicenseEvidence[] {
  const bySku = new Map<string, string[]>();
  for (const l of facts.licenses) {
    const id = l.skuId.toLowerCase();
    bySku.set(id, [...(bySku.get(id) ?? []), l.assignedByGroup.toLowerCase()]);
  }
  const out: LicenseEvidence[] = [];
  for (const [skuId, rows] of bySku) {
    const sku = ctx.skus.get(skuId);
    if (!sku?.managed) continue;
    const groups = rows.filter(Boolean).map((id) => ({ id, name: ctx.groups.get(id) ?? id }));
    const { monthlyCost, costNote } = costOf(sku.price);
    out.push({
      skuId,
      skuPartNumber: sku.skuPartNumber,
      friendlyName: sku.friendlyName,
      direct: rows.includes(''),
      groups,
      reclaimable: groups.length === 0,
      note: groups.length
        ? `not reclaimable directly — assigned by group ${groups.map((g) => g.name).join(', ')}`
        : null,
      monthlyCost: monthlyCost ? { ...monthlyCost } : null,
      costNote,
    });
  }
  return out.sort((a, b) => cmp(a.skuPartNumber, b.skuPartNumber));
}

/** Why an exclusion holds a user back, in words naming the policy key. */
export function reasonFor(code: ExclusionCode, f: UserFacts, ctx: InsightsContext): string {
  const { policy, params } = ctx;
  switch (code) {
    case 'named-user':
      return 'Excluded by name in the policy (excludedUsers).';
    case 'group': {
      const ids = new Set([...f.groupIds, ...f.licenses.map((l) => l.assignedByGroup)].map((g) => g.toLowerCase()));
      const names = params.excludedGroupIds.filter((g) => ids.has(g)).map((g) => ctx.groups.get(g) ?? g);
      return `Member of excluded group ${names.join(', ')} (excludedGroups).`;
    }
    case 'guest':
      return 'Guest user (policy excludeGuests).';
    case 'new-account':
      return `Account created ${f.createdDateTime?.slice(0, 10)} (${daysSince(f.createdDateTime, ctx.now)} days ago), within the ${policy.graceDays}-day grace period.`;
    case 'resource-mailbox':
      return `${f.mailboxType} mailbox: used through other people's access, not its own sign-in (policy excludeResourceMailboxes).`;
    case 'service-account': {
      const glob = policy.serviceAccountPatterns.find((g, i) =>
        likeMatches(f.userPrincipalName, params.serviceAccountLikes[i] ?? ''),
      );
      return `Service account: the UPN matches the pattern ${glob ?? '?'} (serviceAccountPatterns).`;
    }
    case 'mfa':
      return 'Registered for MFA (authentication methods registration report): users signing in with MFA should not have their licenses reclaimed (policy mfaRule).';
    case 'sso':
      return 'Synced from on-premises, so assumed to sign in with SSO (not checked against the sign-in log): users signing in with SSO should not have their licenses reclaimed (policy ssoRule).';
    case 'insufficient-data': {
      const missing = [!params.data.signIns && 'sign-in data', !params.data.reports && 'usage reports']
        .filter(Boolean)
        .join(' and ');
      return `${missing[0]?.toUpperCase()}${missing.slice(1)} could not be read, so use cannot be ruled out.`;
    }
  }
}
