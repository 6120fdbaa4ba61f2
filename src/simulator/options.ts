import { z } from 'zod';
import { KNOWN_ROLES } from './auth/roles';
import { MIN_USERS } from './tenant/generate';

/** Options of startSimulator, validated; every field has a documented default. */
export const simulatorOptionsSchema = z
  .object({
    /** Users in the tenant (v1.0 /users count). Default 2,000. */
    users: z.number().int().min(MIN_USERS).max(1_000_000).default(2000),
    /** Seed of the synthetic tenant: same seed and users give the same tenant. Default 1. */
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    /** Port of the Graph and token origin; 0 (default) picks a free one. Downloads use another free port. */
    port: z.number().int().min(0).max(65535).default(0),
    /** The simulated "now" (a fixed instant or a clock). Default: the wall clock. */
    now: z.union([z.date(), z.function().returns(z.date())]).optional(),
    /** 'documented' turns on the documented throttle limits (docs/graph-behaviour.md §9). Default 'off'. */
    throttle: z.enum(['off', 'documented']).default('off'),
    /** Multiplies every throttle window and fault Retry-After (0.01: 10 s becomes 100 ms). Default 1. */
    timeScale: z.number().positive().max(100).default(1),
    /** Page cap with signInActivity selected: 120 (older docs) or 500 (newer). Default 500. */
    signInActivityPageCap: z.union([z.literal(120), z.literal(500)]).default(500),
    /** Entra ID P1/P2 in the tenant. Default true. */
    premium: z.boolean().default(true),
    /** Reports conceal user names (Microsoft's default since 2021; off here so demos show names). Default false. */
    concealedNames: z.boolean().default(false),
    /** getMailboxUsageDetail ends with a Recipient Type column. Default true. */
    mailboxRecipientType: z.boolean().default(true),
    /** Application permissions the admin consented to. Default: what the integration documents ask for (docs/product-rules.md R6). */
    grants: z.array(z.enum(KNOWN_ROLES)).optional(),
    /** How permission changes reach callers: at once (default) or with the next token, as in Entra. */
    permissionMode: z.enum(['immediate', 'nextToken']).default('immediate'),
    /** Fixed credentials; by default they derive from the seed so a configuration stays valid. */
    tenantId: z.string().uuid().optional(),
    clientId: z.string().uuid().optional(),
    clientSecret: z.string().min(8).optional(),
    /** Certificates (PEM) uploaded to the app registration: assertions signed with their keys are accepted. Default none. */
    clientCertificates: z.array(z.string().includes('-----BEGIN CERTIFICATE-----')).default([]),
    /**
     * Serve an App Service identity endpoint for a user-assigned managed identity, and trust its tokens
     * with a federated credential on the app registration (workload identity federation). Default off.
     */
    managedIdentity: z.boolean().default(false),
    /** Redirect URIs registered for admin consent. Default: `/auth/consent` on http://localhost and http://127.0.0.1, any port. */
    redirectUris: z.array(z.string().url()).default(['http://localhost/auth/consent', 'http://127.0.0.1/auth/consent']),
    /** Where unexpected handler failures go (pino-compatible). Default: pino on stderr. */
    logger: z.custom<SimLogger>((v) => typeof (v as SimLogger | undefined)?.error === 'function').optional(),
  })
  .strict();

export interface SimLogger {
  error(details: object, message: string): void;
}

export type SimulatorOptions = z.input<typeof simulatorOptionsSchema>;
