import type { SimContext } from '../context';
import { SIGN_IN_APPS, SIGN_IN_FAILURES } from '../tenant/catalog-apps';
import { correlationId, signInId } from '../tenant/sign-in-ids';
import { countryInfo, displayName, userPrincipalName } from '../tenant/user-fields';
import { isoTicks } from '../util/dates';
import { hash32 } from '../util/random';

/** One sign-in log entry as Graph returns it (docs/graph-behaviour.md §6); strings are derived, nothing is stored. */
const SYSTEMS = [
  { os: 'Windows 10', browser: 'Edge 124.0.0', client: 'Browser' },
  { os: 'MacOs', browser: 'Safari 17.4', client: 'Browser' },
  { os: 'Ios 17.4', browser: 'Mobile Safari', client: 'Mobile Apps and Desktop clients' },
  { os: 'Windows 10', browser: 'Rich Client 16.0.17', client: 'Mobile Apps and Desktop clients' },
  { os: 'Android 14', browser: 'Rich Client 4.2405.1', client: 'Mobile Apps and Desktop clients' },
];

export const SIGN_IN_PROPERTIES: ReadonlySet<string> = new Set([
  'id',
  'createdDateTime',
  'userDisplayName',
  'userPrincipalName',
  'userId',
  'appId',
  'appDisplayName',
  'ipAddress',
  'clientAppUsed',
  'correlationId',
  'conditionalAccessStatus',
  'isInteractive',
  'riskDetail',
  'riskLevelAggregated',
  'riskLevelDuringSignIn',
  'riskState',
  'riskEventTypes',
  'riskEventTypes_v2',
  'resourceDisplayName',
  'resourceId',
  'status',
  'deviceDetail',
  'location',
  'appliedConditionalAccessPolicies',
]);

export function signInJson(ctx: SimContext, k: number): Record<string, unknown> {
  const log = ctx.tenant.signIns;
  const t = ctx.tenant;
  const seed = t.identity.seed;
  const user = log.user[k] ?? 0;
  const time = log.time[k] ?? 0;
  const app = SIGN_IN_APPS[log.app[k] ?? 0] ?? SIGN_IN_APPS[0];
  const status = log.status[k] ?? 0;
  const failure = status > 0 ? SIGN_IN_FAILURES[status - 1] : undefined;
  const h = hash32(seed, user, Math.floor(time / 1000));
  const sys = SYSTEMS[h % SYSTEMS.length] ?? SYSTEMS[0];
  const place = countryInfo(t, user);
  return {
    id: signInId(seed, user, time),
    createdDateTime: isoTicks(Math.floor(time), Math.round((time % 1) * 10_000)),
    userDisplayName: displayName(t, user),
    userPrincipalName: userPrincipalName(t, user),
    userId: t.id(user),
    appId: app?.appId,
    appDisplayName: app?.displayName,
    ipAddress: `${20 + (h % 180)}.${(h >>> 8) % 256}.${(h >>> 16) % 256}.${((h >>> 24) % 254) + 1}`,
    clientAppUsed: sys?.client,
    correlationId: correlationId(seed, user, time),
    conditionalAccessStatus: failure ? 'notApplied' : 'success',
    isInteractive: true,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes: [],
    riskEventTypes_v2: [],
    resourceDisplayName: app?.resourceDisplayName,
    resourceId: app?.resourceId,
    status: {
      errorCode: failure?.code ?? 0,
      failureReason: failure?.reason ?? null,
      additionalDetails: failure ? null : 'MFA requirement satisfied by claim in the token',
    },
    deviceDetail: {
      deviceId: '',
      displayName: null,
      operatingSystem: sys?.os,
      browser: sys?.browser,
      isCompliant: false,
      isManaged: false,
      trustType: null,
    },
    location: {
      city: place?.city,
      state: null,
      countryOrRegion: place?.code,
      geoCoordinates: { altitude: null, latitude: 40 + (h % 20), longitude: -120 + (h % 200) },
    },
    appliedConditionalAccessPolicies: [],
  };
}
