import { z } from 'zod';
import type { AuditedSettings } from '../store';

/** Setting keys of the approval workflow and the holder's step; each change is audited like any policy change. */
export const RECLAMATION_KEYS = [
  'approvers',
  'reclamation.dryRun',
  'reclamation.expiryDays',
  'approvals.channel',
  'reclamation.autoRequestDays',
  'reclamation.askHolder',
  'reclamation.askDays',
  'reclamation.managerAfterRelease',
  'reclamation.keepCloses',
  'reclamation.keepCooldownDays',
] as const;
export type ReclamationKey = (typeof RECLAMATION_KEYS)[number];

const id = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .transform((v) => v.toLowerCase());
const SCHEMAS = {
  /** Fallback approvers (Entra object ids) for users without a manager. */
  approvers: z.object({ users: z.array(id).max(100).default([]), groups: z.array(id).max(20).default([]) }).strict(),
  /** Everything happens except the Graph write; cards say "dry run". */
  'reclamation.dryRun': z.boolean(),
  /** Pending requests expire after this many days. */
  'reclamation.expiryDays': z.number().int().min(1).max(90),
  /** A stored conversation id (a channel) for approval cards of approvers the bot cannot chat with. */
  'approvals.channel': z.string().trim().min(1).max(256).nullable(),
  /** Off (null) by default: request reclamation automatically for users inactive at least this many days. */
  'reclamation.autoRequestDays': z.number().int().min(30).max(3650).nullable(),
  /** The license holder is asked first, keep or release (src/reclamation/holder.ts). On by default. */
  'reclamation.askHolder': z.boolean(),
  /** Days the holder has to answer (a reminder at half of them), counted from their card. */
  'reclamation.askDays': z.number().int().min(1).max(30),
  /** A holder's Release still goes to the approver (off by default: the release is the decision). */
  'reclamation.managerAfterRelease': z.boolean(),
  /** A holder's Keep closes the request (off by default: the approver decides, with the holder's reason). */
  'reclamation.keepCloses': z.boolean(),
  /** A holder who kept a license is not asked again about it for this many days (0: always asked). */
  'reclamation.keepCooldownDays': z.number().int().min(0).max(365),
} as const;

export interface ReclamationSettingsValue {
  approvers: { users: string[]; groups: string[] };
  dryRun: boolean;
  expiryDays: number;
  approvalsChannel: string | null;
  autoRequestDays: number | null;
  askHolder: boolean;
  askDays: number;
  managerAfterRelease: boolean;
  keepCloses: boolean;
  keepCooldownDays: number;
}

export const DEFAULT_RECLAMATION_SETTINGS: Readonly<ReclamationSettingsValue> = Object.freeze({
  approvers: { users: [], groups: [] },
  dryRun: false,
  expiryDays: 7,
  approvalsChannel: null,
  autoRequestDays: null,
  askHolder: true,
  askDays: 7,
  managerAfterRelease: false,
  keepCloses: false,
  keepCooldownDays: 90,
});

export function isReclamationKey(key: string): key is ReclamationKey {
  return (RECLAMATION_KEYS as readonly string[]).includes(key);
}

/** Reads and changes the workflow's settings; a malformed stored value falls back to the default (and is logged by the caller's card). */
export class ReclamationSettings {
  constructor(private readonly settings: Pick<AuditedSettings, 'getMany' | 'replace' | 'refuse'>) {}

  async get(): Promise<ReclamationSettingsValue> {
    const rows = await this.settings.getMany(RECLAMATION_KEYS);
    const value = <K extends ReclamationKey>(key: K) => {
      const row = rows.find((r) => r.key === key);
      const parsed = row ? SCHEMAS[key].safeParse(row.value) : undefined;
      return parsed?.success ? (parsed.data as z.infer<(typeof SCHEMAS)[K]>) : undefined;
    };
    const d = DEFAULT_RECLAMATION_SETTINGS;
    return {
      approvers: value('approvers') ?? { users: [...d.approvers.users], groups: [...d.approvers.groups] },
      dryRun: value('reclamation.dryRun') ?? d.dryRun,
      expiryDays: value('reclamation.expiryDays') ?? d.expiryDays,
      approvalsChannel: value('approvals.channel') ?? d.approvalsChannel,
      autoRequestDays: value('reclamation.autoRequestDays') ?? d.autoRequestDays,
      askHolder: value('reclamation.askHolder') ?? d.askHolder,
      askDays: value('reclamation.askDays') ?? d.askDays,
      managerAfterRelease: value('reclamation.managerAfterRelease') ?? d.managerAfterRelease,
      keepCloses: value('reclamation.keepCloses') ?? d.keepCloses,
      keepCooldownDays: value('reclamation.keepCooldownDays') ?? d.keepCooldownDays,
    };
  }

  /**
   * Parses the text an admin typed (`policy set reclamation.dryRun true`, `policy set approvers
   * <id>,<id>`, `policy set approvals.channel here`) and stores it with an audit row.
   */
  async set(
    key: ReclamationKey,
    text: string,
    actor: string,
    at: Date,
    here?: string,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
    const parsed = SCHEMAS[key].safeParse(parseText(key, text.trim(), here));
    if (!parsed.success) {
      const error = parsed.error.issues.map((i) => `${i.path.join('.') || key}: ${i.message}`).join('; ');
      await this.settings.refuse(key, { actor, at, action: 'policy.set', detail: { text, error } });
      return { ok: false, error };
    }
    await this.settings.replace(key, parsed.data, { actor, at, action: 'policy.set' });
    return { ok: true, value: parsed.data };
  }
}

function parseText(key: ReclamationKey, text: string, here?: string): unknown {
  switch (key) {
    case 'approvers': {
      // `users:<id>,<id> groups:<id>` or a plain list of user ids; `none` clears.
      if (text.toLowerCase() === 'none') return { users: [], groups: [] };
      const list = (s: string | undefined) =>
        (s ?? '')
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean);
      const users = /users:(\S*)/i.exec(text)?.[1];
      const groups = /groups:(\S*)/i.exec(text)?.[1];
      return users !== undefined || groups !== undefined
        ? { users: list(users), groups: list(groups) }
        : { users: list(text), groups: [] };
    }
    case 'reclamation.dryRun':
    case 'reclamation.askHolder':
    case 'reclamation.managerAfterRelease':
    case 'reclamation.keepCloses':
      return (
        ({ true: true, on: true, yes: true, false: false, off: false, no: false } as Record<string, boolean>)[
          text.toLowerCase()
        ] ?? text
      );
    case 'reclamation.expiryDays':
    case 'reclamation.askDays':
    case 'reclamation.keepCooldownDays':
      return /^\d+$/.test(text) ? Number(text) : text;
    case 'approvals.channel':
      if (text.toLowerCase() === 'none') return null;
      return text.toLowerCase() === 'here' ? (here ?? '') : text;
    case 'reclamation.autoRequestDays':
      if (['off', 'none'].includes(text.toLowerCase())) return null;
      return /^\d+$/.test(text) ? Number(text) : text;
  }
}
