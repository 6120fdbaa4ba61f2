import type { FederatedCredential } from '../auth/app-registration';
import type { SimContext } from '../context';
import { DAY_MS } from '../clock';
import type { CallRecord } from '../http/call-log';
import { refreshDay } from '../reports/scope';
import { faultUpdateSchema, type FaultUpdate } from '../settings';
import { changeUsers } from '../tenant/changes';
import { deleteUser, markActive } from '../tenant/mutations';
import { markCopilotUse, type CopilotAppName } from '../tenant/copilot';
import type { WorkloadName } from '../tenant/tenant';
import { categoryCounts, seatSummary, userTruth, usersInCategory } from '../tenant/truth';
import { dayString } from '../util/dates';

/**
 * The simulator's control surface, in-process; `/_sim/…` exposes the same over HTTP. Not part of any
 * Microsoft contract: it only exists so tests can read the truth and switch faults.
 */
export class UnknownUserError extends Error {}

export class SimulatorControl {
  constructor(private readonly ctx: SimContext) {}

  calls(): readonly CallRecord[] {
    return this.ctx.calls.list();
  }

  clearCalls(): void {
    this.ctx.calls.clear();
  }

  now(): Date {
    return new Date(this.ctx.clock.now());
  }

  /** Moves "now" forward: users age, reports refresh later, old sign-ins leave retention. */
  advanceClock(ms: number): Date {
    this.ctx.clock.advance(ms);
    return this.now();
  }

  advanceDays(days: number): Date {
    return this.advanceClock(days * DAY_MS);
  }

  setFaults(update: FaultUpdate) {
    const u = faultUpdateSchema.parse(update);
    const { app, settings, faults } = this.ctx;
    if (u.grant) app.grant(u.grant);
    if (u.revoke) app.revoke(u.revoke);
    if (u.permissionMode) app.permissionMode = u.permissionMode;
    if (u.invalidateTokens) app.invalidateTokens();
    if (u.premium !== undefined && u.premium !== settings.premium)
      settings.premiumSinceMs = u.premium ? this.ctx.clock.now() : null;
    for (const key of [
      'premium',
      'concealedNames',
      'mailboxRecipientType',
      'copilotReportJson',
      'signInActivityPageCap',
      'signInsRequireDirectoryRead',
    ] as const) {
      if (u[key] !== undefined) Object.assign(settings, { [key]: u[key] });
    }
    for (const key of ['throttleRate', 'serverErrorRate', 'batchServerErrorRate', 'latencyMs'] as const)
      if (u[key] !== undefined) faults[key] = u[key];
    if (u.pathFaults)
      faults.pathFaults = u.pathFaults.map((f) => ({
        path: f.path.toLowerCase(),
        status: f.status,
        remaining: f.times ?? null,
      }));
    if (u.lateAssignLicense !== undefined) faults.lateAssignLicense = u.lateAssignLicense;
    if (u.resetDeltaTokens !== undefined) faults.resetDeltaTokens = u.resetDeltaTokens;
    if (u.malformedPaths) faults.malformedPaths = u.malformedPaths.map((p) => p.toLowerCase());
    if (u.dropConnectionOnUsersPage !== undefined) {
      faults.dropConnectionOnUsersPage = u.dropConnectionOnUsersPage;
      this.ctx.usersPagesServed = 0;
    }
    return this.faults();
  }

  /** assignLicense calls held by the lateAssignLicense fault, not landed yet. */
  heldWrites(): number {
    return this.ctx.lateWrites.held;
  }

  /** Lets the held assignLicense calls land (applied, then answered as the fault said); returns how many. */
  landHeldWrites(): number {
    return this.ctx.lateWrites.land();
  }

  /** Uploads a certificate (PEM) to the app registration, as an admin does in the Entra admin center. */
  addClientCertificate(certificatePem: string): void {
    this.ctx.app.addCertificate(certificatePem);
  }

  /** The app registration's federated credentials; `[]` removes every trust. */
  federatedCredentials(): readonly FederatedCredential[] {
    return this.ctx.app.federatedCredentials;
  }

  setFederatedCredentials(credentials: readonly FederatedCredential[]): void {
    this.ctx.app.federatedCredentials = [...credentials];
  }

  faults() {
    const { app, settings, faults } = this.ctx;
    return {
      grants: app.granted(),
      permissionMode: app.permissionMode,
      throttle: this.ctx.throttler.profile,
      ...settings,
      ...faults,
    };
  }

  userTruth(idOrUpn: string) {
    return userTruth(this.ctx.tenant, this.index(idOrUpn, true), this.ctx.clock.now());
  }

  summary() {
    const t = this.ctx.tenant;
    const now = this.ctx.clock.now();
    return {
      now: new Date(now).toISOString(),
      reportRefreshDate: dayString(refreshDay(this.ctx)),
      tenantId: t.identity.tenantId,
      domain: t.identity.domain,
      signInEvents: t.signIns.length,
      categories: categoryCounts(t, now),
      licenses: seatSummary(t),
    };
  }

  usersInCategory(category: string): string[] {
    return usersInCategory(this.ctx.tenant, category, this.ctx.clock.now());
  }

  /** The user signs in and works now (or at `at`, not later than now). */
  makeActive(idOrUpn: string, options: { at?: Date; workloads?: readonly WorkloadName[] } = {}): void {
    const now = this.ctx.clock.now();
    const at = Math.min(now, options.at?.getTime() ?? now);
    markActive(this.ctx.tenant, this.index(idOrUpn), at, options.workloads);
  }

  /** The user uses Microsoft 365 Copilot now (or at `at`, not later than now) in `apps` (default Teams). */
  useCopilot(idOrUpn: string, options: { at?: Date; apps?: readonly CopilotAppName[] } = {}): void {
    const now = this.ctx.clock.now();
    markCopilotUse(this.ctx.tenant, this.index(idOrUpn), Math.min(now, options.at?.getTime() ?? now), options.apps);
  }

  /** Apps installed in the user's personal scope (catalog id, installation id, chat id). */
  installedApps(idOrUpn: string) {
    return this.ctx.teamsApps.of(this.index(idOrUpn)).map((i) => ({ appId: i.appId, id: i.id, chatId: i.chatId }));
  }

  /** The user has (or, `false`, has not) Microsoft Teams, whatever their licenses: a test's user without Teams. */
  setTeams(idOrUpn: string, enabled: boolean): void {
    const i = this.index(idOrUpn);
    if (enabled) this.ctx.teamsApps.withoutTeams.delete(i);
    else this.ctx.teamsApps.withoutTeams.add(i);
  }

  deleteUser(idOrUpn: string): void {
    deleteUser(this.ctx.tenant, this.index(idOrUpn), this.ctx.clock.now());
  }

  /** A day's changes to `count` users chosen by `seed` (src/simulator/tenant/changes.ts): their ids by kind of change. */
  changeUsers(count: number, seed = 1) {
    return changeUsers(this.ctx.tenant, count, seed, this.ctx.clock.now());
  }

  private index(idOrUpn: string, includeDeleted = false): number {
    const t = this.ctx.tenant;
    const live = t.resolve(idOrUpn);
    const i = live >= 0 || !includeDeleted ? live : t.ids.indexOf(idOrUpn.toLowerCase());
    if (i < 0) throw new UnknownUserError(`no user '${idOrUpn}'`);
    return i;
  }
}
