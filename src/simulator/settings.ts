import { z } from 'zod';
import { KNOWN_ROLES } from './auth/roles';

/**
 * Tenant settings and faults, switchable at run time through `POST /_sim/faults` or
 * `control.setFaults()`. One validated schema serves both.
 */
export interface TenantSettings {
  /** Entra ID P1/P2 present; without it signInActivity, signIns and registration details answer 403. */
  premium: boolean;
  /** When P1 was switched on at run time: the sign-in log then reaches only 7 days before it (docs/graph-behaviour.md §6). */
  premiumSinceMs: number | null;
  /** adminReportSettings.displayConcealedNames: reports show 32-hex hashes instead of names (docs/graph-behaviour.md §4). */
  concealedNames: boolean;
  /** The Copilot usage report answers JSON without `$format` (earlier revisions), instead of its CSV stream. */
  copilotReportJson: boolean;
  /** Newer tenants append a `Recipient Type` column to getMailboxUsageDetail (docs/graph-behaviour.md §4.6, unverified). */
  mailboxRecipientType: boolean;
  /** Page cap with signInActivity selected: 120 (older docs) or 500 (newer), docs/graph-behaviour.md §2. */
  signInActivityPageCap: 120 | 500;
  /** Older signIns docs also demanded Directory.Read.All (docs/graph-behaviour.md §6). */
  signInsRequireDirectoryRead: boolean;
}

/** One path that answers an error instead of its data, for a number of requests or every time. */
export interface PathFault {
  /** Version and path, lower case, without the query: `/v1.0/groups/{id}`. */
  path: string;
  /** Throttling, or a server error (docs/graph-behaviour.md §0 and §9). */
  status: 429 | 500 | 502 | 503 | 504;
  /** Answers still to fail; null: every one. */
  remaining: number | null;
}

export interface FaultSettings {
  /** Share of Graph requests answered 429 regardless of the throttle profile. */
  throttleRate: number;
  /** Share of Graph requests answered 503/504 (with and without Retry-After). */
  serverErrorRate: number;
  /** Share of the requests inside a $batch answered 503/504 as sub-responses; the batch itself answers 200. */
  batchServerErrorRate: number;
  /** Paths that fail, directly or inside a $batch, before any other fault or throttling. */
  pathFaults: PathFault[];
  /**
   * Paths (version and path, lower case, no query) that answer 200 with a body in no Graph shape, as a
   * proxy or a changed API might, directly or in a $batch: what a client's schemas must refuse.
   */
  malformedPaths: string[];
  /** Added to every Graph request. */
  latencyMs: number;
  /** Drop the connection mid-body on the Nth /users page from now (once). */
  dropConnectionOnUsersPage: number | null;
  /** Every users/delta deltaLink answers 410 `resyncRequired`, as when Graph resets a tenant's sync state. */
  resetDeltaTokens: boolean;
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

const graphPath = z
  .string()
  .regex(/^\/(v1\.0|beta)\/[^?]+$/, 'a Graph path with its version and no query, e.g. /v1.0/groups/{id}');

const pathFaultSchema = z
  .object({
    path: graphPath,
    status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
    /** How many requests fail; every one when omitted. */
    times: z.number().int().min(1).optional(),
  })
  .strict();

export const faultUpdateSchema = z
  .object({
    grant: z.array(z.enum(KNOWN_ROLES)).optional(),
    revoke: z.array(z.enum(KNOWN_ROLES)).optional(),
    permissionMode: z.enum(['immediate', 'nextToken']).optional(),
    invalidateTokens: z.boolean().optional(),
    premium: z.boolean().optional(),
    concealedNames: z.boolean().optional(),
    mailboxRecipientType: z.boolean().optional(),
    copilotReportJson: z.boolean().optional(),
    signInActivityPageCap: z.union([z.literal(120), z.literal(500)]).optional(),
    signInsRequireDirectoryRead: z.boolean().optional(),
    throttleRate: rate.optional(),
    serverErrorRate: rate.optional(),
    batchServerErrorRate: rate.optional(),
    /** Replaces the path faults; [] clears them. */
    pathFaults: z.array(pathFaultSchema).max(100).optional(),
    /** Replaces the malformed paths; [] clears them. */
    malformedPaths: z.array(graphPath).max(100).optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    dropConnectionOnUsersPage: z.number().int().min(1).nullable().optional(),
    resetDeltaTokens: z.boolean().optional(),
    lateAssignLicense: z
      .object({
        answer: z.enum(['serviceUnavailable', 'dropConnection']),
        landAfterMs: z.number().int().min(0).max(600_000).optional(),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

export type FaultUpdate = z.infer<typeof faultUpdateSchema>;

export const DEFAULT_FAULTS: FaultSettings = {
  throttleRate: 0,
  serverErrorRate: 0,
  batchServerErrorRate: 0,
  pathFaults: [],
  malformedPaths: [],
  latencyMs: 0,
  dropConnectionOnUsersPage: null,
  resetDeltaTokens: false,
  lateAssignLicense: null,
};
