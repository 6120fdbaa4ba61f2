import type { AppRegistration } from './auth/app-registration';
import type { TokenSigner } from './auth/jwt';
import type { SimClock } from './clock';
import type { CallLog } from './http/call-log';
import type { LateWrites } from './faults/late-write';
import type { DownloadStore } from './reports/downloads';
import type { SimLogger } from './options';
import type { FaultSettings, TenantSettings } from './settings';
import type { TeamsApps } from './tenant/teams-apps';
import type { Tenant } from './tenant/tenant';
import type { Throttler } from './throttle/throttler';
import type { Rng } from './util/random';

/** Everything a handler may read or change, created once per simulator. */
export interface SimContext {
  readonly tenant: Tenant;
  readonly clock: SimClock;
  readonly app: AppRegistration;
  readonly signer: TokenSigner;
  readonly servicePrincipalId: string;
  readonly settings: TenantSettings;
  readonly faults: FaultSettings;
  readonly faultRng: Rng;
  /** assignLicense calls held by the lateAssignLicense fault. */
  readonly lateWrites: LateWrites;
  readonly throttler: Throttler;
  readonly timeScale: number;
  readonly downloads: DownloadStore;
  readonly calls: CallLog;
  /** The Teams app catalog and the apps installed for each user. */
  readonly teamsApps: TeamsApps;
  readonly logger: SimLogger;
  /** /users pages served since the drop-connection fault was armed. */
  usersPagesServed: number;
  /** Origin of the report download server, known once it listens. */
  downloadOrigin: string;
}
