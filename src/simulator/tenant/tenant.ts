import { SKUS } from './catalog-skus';
import { TRACKED_APPS } from './catalog-apps';
import type { SignInLog } from './sign-in-log';

export const UserKind = { member: 0, guest: 1, room: 2, shared: 3, agent: 4 } as const;

export const Flag = {
  enabled: 1,
  synced: 2,
  mfaRegistered: 4,
  usageLocation: 8,
  admin: 16,
  deleted: 32,
  /** createdDateTime is null for some objects created before June 2018 (docs/graph-behaviour.md §2.1). */
  nullCreated: 64,
  mailbox: 128,
  /** A never-signed-in user shows 0001-01-01T00:00:00Z values instead of a null signInActivity. */
  zeroSignIn: 256,
  ssprRegistered: 512,
} as const;

/** Report workloads, in the order of the usage reports' "Last Activity Date" columns. */
export const WORKLOADS = ['exchange', 'oneDrive', 'sharePoint', 'skype', 'yammer', 'teams'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

export interface TenantIdentity {
  readonly seed: number;
  readonly tenantId: string;
  readonly domain: string;
  /** The simulated instant the activity was generated around. */
  readonly anchorMs: number;
}

export interface SeatCounts {
  enabled: number;
  warning: number;
  suspended: number;
}

/**
 * Compact column storage for up to hundreds of thousands of users: typed arrays per attribute, strings
 * derived on demand (see user-fields.ts). Times are epoch milliseconds, 0 meaning "never".
 */
export class Tenant {
  readonly kind: Uint8Array;
  readonly flags: Uint16Array;
  readonly nameA: Uint16Array;
  readonly nameB: Uint16Array;
  readonly suffix: Uint16Array;
  readonly title: Uint8Array;
  readonly department: Uint8Array;
  readonly country: Uint8Array;
  readonly scenario: Uint8Array;
  readonly createdMs: Float64Array;
  readonly deletedMs: Float64Array;
  readonly manager: Int32Array;
  readonly directSkus: Uint16Array;
  readonly groups: Uint8Array;
  readonly licensedMs: Float64Array;
  readonly lastInteractive: Float64Array;
  readonly lastNonInteractive: Float64Array;
  readonly lastSuccess: Float64Array;
  /** Per report workload (WORKLOADS order): last activity time. */
  readonly workloadLast: readonly Float64Array[];
  /** Per tracked sign-in app (TRACKED_APPS order): last use time. */
  readonly appLast: readonly Float64Array[];
  /** Copilot holders' last use per Copilot app (copilot.ts COPILOT_APPS order), only for those who used it. */
  readonly copilotLast = new Map<number, Float64Array>();
  /** When a SKU was assigned apart from the user's other licenses (Copilot, assignLicense), per user and SKU. */
  readonly skuAssignedMs = new Map<number, Map<number, number>>();
  /** disabledPlans per user and SKU, only where a license was assigned with disabled plans. */
  readonly disabledPlans = new Map<number, Map<number, readonly string[]>>();
  readonly consumed: Int32Array;
  readonly seats: SeatCounts[];
  readonly ids: string[];
  /**
   * Change tracking for users/delta: the sequence number of each user's last change to a property
   * delta tracks (or its deletion), 0 when unchanged since generation; `seq` is the latest one.
   */
  readonly changeSeq: Float64Array;
  seq = 0;
  private readonly idIndex = new Map<string, number>();
  private readonly upnIndex = new Map<string, number>();
  signIns!: SignInLog;

  constructor(
    readonly identity: TenantIdentity,
    readonly size: number,
  ) {
    this.kind = new Uint8Array(size);
    this.flags = new Uint16Array(size);
    this.nameA = new Uint16Array(size);
    this.nameB = new Uint16Array(size);
    this.suffix = new Uint16Array(size);
    this.title = new Uint8Array(size);
    this.department = new Uint8Array(size);
    this.country = new Uint8Array(size);
    this.scenario = new Uint8Array(size);
    this.createdMs = new Float64Array(size);
    this.deletedMs = new Float64Array(size);
    this.manager = new Int32Array(size).fill(-1);
    this.directSkus = new Uint16Array(size);
    this.groups = new Uint8Array(size);
    this.licensedMs = new Float64Array(size);
    this.lastInteractive = new Float64Array(size);
    this.lastNonInteractive = new Float64Array(size);
    this.lastSuccess = new Float64Array(size);
    this.workloadLast = Array.from({ length: 6 }, () => new Float64Array(size));
    this.appLast = TRACKED_APPS.map(() => new Float64Array(size));
    this.consumed = new Int32Array(SKUS.length);
    this.seats = SKUS.map(() => ({ enabled: 0, warning: 0, suspended: 0 }));
    this.ids = new Array<string>(size);
    this.changeSeq = new Float64Array(size);
  }

  /** Records a change users/delta reports (a property it tracks, or a deletion). */
  touch(i: number): void {
    this.changeSeq[i] = ++this.seq;
  }

  has(i: number, flag: number): boolean {
    return ((this.flags[i] ?? 0) & flag) !== 0;
  }

  setFlag(i: number, flag: number, on: boolean): void {
    const current = this.flags[i] ?? 0;
    this.flags[i] = on ? current | flag : current & ~flag;
  }

  register(i: number, id: string, upn: string): void {
    this.ids[i] = id;
    this.idIndex.set(id, i);
    this.upnIndex.set(upn.toLowerCase(), i);
  }

  id(i: number): string {
    const id = this.ids[i];
    if (id === undefined) throw new RangeError(`no user at ${i}`);
    return id;
  }

  /** Index of a live user by object id or userPrincipalName (case-insensitive), or -1. */
  resolve(idOrUpn: string): number {
    const lower = idOrUpn.toLowerCase();
    const i = this.idIndex.get(lower) ?? this.upnIndex.get(lower) ?? -1;
    return i >= 0 && !this.has(i, Flag.deleted) ? i : -1;
  }

  isLive(i: number): boolean {
    return !this.has(i, Flag.deleted);
  }
}
