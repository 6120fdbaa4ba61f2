import { z } from 'zod';
import type { AuditedSettings } from '../store';

/** Setting keys of the approval workflow; each change is audited like any policy change. */
export const RECLAMATION_KEYS = ['approvers', 'reclamation.dryRun', 'reclamation.expiryDays', 'approvals.channel', 'reclamation.autoRequestDays'] as const;
export type ReclamationKey = (typeof RECLAMATION_KEYS)[number];

const id = z.string().trim().min(1).max(64).transform((v) => v.toLowerCase());
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
} as const;

export interface ReclamationSettingsValue {
  approvers: { users: string[]; groups: string[] };
  dryRun: boolean;
  expiryDays: number;
  approvalsChannel: string | null;
  autoRequestDays: number | null;
}

export const DEFAULT_RECLAMATION_SETTINGS: Readonly<ReclamationSettingsValue> = Object.freeze({ approvers: { users: [], groups: [] }, dryRun: false, expiryDays: 7, approvalsChannel: null, autoRequestDays: null });

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
    };
  }

  /**
   * Parses the text an admin typed (`policy set reclamation.dryRun true`, `policy set approvers
   * <id>,<id>`, `policy set approvals.channel here`) and stores it with an audit row.
   */
  async set(key: ReclamationKey, text: string, actor: string, at: Date, here?: string): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
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
      const list = (s: string | undefined) => (s ?? '').split(',').map((v) => v.trim()).filter(Boolean);
      const users = /users:(\S*)/i.exec(text)?.[1];
      const groups = /groups:(\S*)/i.exec(text)?.[1];
      return users !== undefined || groups !== undefined ? { users: list(users), groups: list(groups) } : { users: list(text), groups: [] };
    }
    case 'reclamation.dryRun':
      return ({ true: true, on: true, yes: true, false: false, off: false, no: false } as Record<string, boolean>)[text.toLowerCase()] ?? text;
    case 'reclamation.expiryDays':
      return /^\d+$/.test(text) ? Number(text) : text;
    case 'approvals.channel':
      if (text.toLowerCase() === 'none') return null;
      return text.toLowerCase() === 'here' ? (here ?? '') : text;
    case 'reclamation.autoRequestDays':
      if (['off', 'none'].includes(text.toLowerCase())) return null;
      return /^\d+$/.test(text) ? Number(text) : text;
  }
}
