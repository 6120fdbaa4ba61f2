import { z } from 'zod';

/**
 * The admin's policy knobs (docs/product-rules.md R26–R29). Every field has a documented
 * default; values arriving from the CLI or a bot card are validated with these schemas.
 */
export interface Policy {
  /** Days without evidence of use before an enabled, licensed user is inactive (docs/product-rules.md R26: 90). */
  inactiveDays: number;
  /** New accounts are left alone this many days (docs/product-rules.md R27: 30). */
  graceDays: number;
  /** Usage reports run up to 3 days behind (docs/product-rules.md R9). */
  reportLagDays: number;
  /** Guests are excluded, on by default (docs/product-rules.md R29). */
  excludeGuests: boolean;
  /** Shared, room and equipment mailboxes (mailbox report's Recipient Type) are excluded. */
  excludeResourceMailboxes: boolean;
  /**
   * docs/product-rules.md R22: users signing in with MFA or SSO should not have their
   * licenses reclaimed. The MFA part: users registered for MFA; applied to the inactive rule, on by default.
   */
  mfaRule: boolean;
  /** The SSO part of the same rule: on-premises synced users, assumed to sign in with SSO; inactive rule, on by default. */
  ssoRule: boolean;
  /** Users never proposed: UPNs or object ids. */
  excludedUsers: string[];
  /** Members of these groups are never proposed: group ids or display names. */
  excludedGroups: string[];
  /** Service accounts by UPN pattern: `*` any run of characters, `?` one character (e.g. `svc-*@*`). */
  serviceAccountPatterns: string[];
  /** Days without Microsoft 365 Copilot activity before a Copilot seat is idle (src/insights/copilot). */
  copilotIdleDays: number;
  /** A Copilot seat never used is left alone this many days from its assignment date. */
  copilotGraceDays: number;
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  inactiveDays: 90,
  graceDays: 30,
  reportLagDays: 3,
  excludeGuests: true,
  excludeResourceMailboxes: true,
  mfaRule: true,
  ssoRule: true,
  excludedUsers: [],
  excludedGroups: [],
  serviceAccountPatterns: [],
  copilotIdleDays: 30,
  copilotGraceDays: 14,
});

const days = (min: number, max: number) => z.number().int().min(min).max(max);
const list = (item: z.ZodString) =>
  z
    .array(item)
    .max(500)
    .transform((values) => [...new Set(values.map((v) => v.trim()).filter(Boolean))]);
const pattern = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\s%\\]+$/, 'a pattern may not contain spaces, % or \\ (use * and ?)');

/** One schema per key, so a single change is validated alone. */
export const POLICY_SCHEMAS = {
  inactiveDays: days(1, 3650),
  graceDays: days(0, 3650),
  reportLagDays: days(0, 30),
  excludeGuests: z.boolean(),
  excludeResourceMailboxes: z.boolean(),
  mfaRule: z.boolean(),
  ssoRule: z.boolean(),
  excludedUsers: list(z.string().min(1).max(320)),
  excludedGroups: list(z.string().min(1).max(256)),
  serviceAccountPatterns: list(pattern),
  copilotIdleDays: days(1, 3650),
  copilotGraceDays: days(0, 3650),
} satisfies { [K in keyof Policy]: z.ZodType<Policy[K], z.ZodTypeDef, unknown> };

export type PolicyKey = keyof Policy;
export const POLICY_KEYS = Object.keys(POLICY_SCHEMAS) as PolicyKey[];

/** One line per key for `policy show` and the bot's policy card. */
export const POLICY_DESCRIPTIONS: Readonly<Record<PolicyKey, string>> = {
  inactiveDays: 'Days without any sign-in or app activity before a licensed user counts as inactive.',
  graceDays: 'New accounts younger than this are never proposed.',
  reportLagDays: 'Days of usage-report delay allowed for before calling anyone inactive.',
  excludeGuests: 'Leave guest users out of every proposal.',
  excludeResourceMailboxes: 'Leave shared, room and equipment mailboxes out.',
  mfaRule: 'Do not propose inactive users registered for MFA.',
  ssoRule: 'Do not propose inactive users synced from on-premises, who sign in with SSO.',
  excludedUsers: 'Users never proposed (UPN or object id), comma-separated.',
  excludedGroups: 'Members of these groups are never proposed (group id or name), comma-separated.',
  serviceAccountPatterns: 'UPN patterns of service accounts (* and ?), comma-separated.',
  copilotIdleDays: 'Days without any Microsoft 365 Copilot activity before a Copilot seat counts as idle.',
  copilotGraceDays: 'Days from its assignment before a Copilot seat never used counts as idle.',
};

export function isPolicyKey(key: string): key is PolicyKey {
  return (POLICY_KEYS as string[]).includes(key);
}

const TRUE = /^(true|yes|on|1)$/i;
const FALSE = /^(false|no|off|0)$/i;

/**
 * Turns text (CLI argument, card input) into the key's value, then validates it. Lists are
 * comma-separated; an empty string or `none` clears a list.
 */
export function parsePolicyValue<K extends PolicyKey>(key: K, text: string): z.SafeParseReturnType<unknown, Policy[K]> {
  const raw = text.trim();
  const current = DEFAULT_POLICY[key];
  let value: unknown = raw;
  if (typeof current === 'number') value = /^-?\d+$/.test(raw) ? Number(raw) : raw;
  else if (typeof current === 'boolean') value = TRUE.test(raw) ? true : FALSE.test(raw) ? false : raw;
  else if (Array.isArray(current)) value = raw === '' || /^none$/i.test(raw) ? [] : raw.split(',');
  return POLICY_SCHEMAS[key].safeParse(value) as z.SafeParseReturnType<unknown, Policy[K]>;
}

/** Text form of a value, the inverse of parsePolicyValue. */
export function formatPolicyValue(value: Policy[PolicyKey]): string {
  return Array.isArray(value) ? (value.length ? value.join(',') : 'none') : String(value);
}
