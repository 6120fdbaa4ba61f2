import { z } from 'zod';
import { KNOWN_ROLES } from './auth/roles';

/**
 * Tenant settings and faults, switchable at run time through `POST /_sim/faults` or
 * `control.setFaults()`. One validated schema serves both.
 */
export interface TenantSettings {
  /** Entra ID P1/P2 present; without it signInActivity, signIns and registration details answer 403. */
  premium: boolean;
  /** When P1 was switched on at run time: the sign-in log then reaches only 7 days before it (contract §6). */
  premiumSinceMs: number | null;
  /** adminReportSettings.displayConcealedNames: reports show 32-hex hashes instead of names (contract §4). */
  concealedNames: boolean;
  /** Newer tenants append a `Recipient Type` column to getMailboxUsageDetail (contract §4.6, UNCONFIRMED). */
  mailboxRecipientType: boolean;
  /** Page cap with signInActivity selected: 120 (older docs) or 500 (newer), contract §2. */
  signInActivityPageCap: 120 | 500;
  /** Older signIns docs also demanded Directory.Read.All (contract §6). */
  signInsRequireDirectoryRead: boolean;
}

export interface FaultSettings {
  /** Share of Graph requests answered 429 regardless of the throttle profile. */
  throttleRate: number;
  /** Share of Graph requests answered 503/504 (with and without Retry-After). */
  serverErrorRate: number;
  /** Added to every Graph request. */
  latencyMs: number;
  /** Drop the connection mid-body on the Nth /users page from now (once). */
  dropConnectionOnUsersPage: number | null;
  /**
   * The next assignLicense (once) is held unanswered until `POST /_sim/writes/land` (or
   * `landAfterMs`), then applied and answered 503 or with a dropped connection (faults/late-write.ts).
   */
  lateAssignLicense: LateAssignLicense | null;
}

export interface LateAssignLicense {
  answer: 'serviceUnavailable' | 'dropConnection';
  landAfterMs?: number;
}

const rate = z.number().min(0).max(1);

export const faultUpdateSchema = z.object({
  grant: z.array(z.enum(KNOWN_ROLES)).optional(),
  revoke: z.array(z.enum(KNOWN_ROLES)).optional(),
  permissionMode: z.enum(['immediate', 'nextToken']).optional(),
  invalidateTokens: z.boolean().optional(),
  premium: z.boolean().optional(),
  concealedNames: z.boolean().optional(),
  mailboxRecipientType: z.boolean().optional(),
  signInActivityPageCap: z.union([z.literal(120), z.literal(500)]).optional(),
  signInsRequireDirectoryRead: z.boolean().optional(),
  throttleRate: rate.optional(),
  serverErrorRate: rate.optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  dropConnectionOnUsersPage: z.number().int().min(1).nullable().optional(),
  lateAssignLicense: z.object({
    answer: z.enum(['serviceUnavailable', 'dropConnection']),
    landAfterMs: z.number().int().min(0).max(600_000).optional(),
  }).strict().nullable().optional(),
}).strict();

export type FaultUpdate = z.infer<typeof faultUpdateSchema>;

export const DEFAULT_FAULTS: FaultSettings = {
  throttleRate: 0,
  serverErrorRate: 0,
  latencyMs: 0,
  dropConnectionOnUsersPage: null,
  lateAssignLicense: null,
};
