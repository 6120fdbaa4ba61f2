import type { DataSource } from 'typeorm';
import { Sku } from '../store';
import { AuditedSettings } from '../store/audited-settings';
import {
  DEFAULT_POLICY,
  POLICY_DESCRIPTIONS,
  POLICY_KEYS,
  POLICY_SCHEMAS,
  formatPolicyValue,
  isPolicyKey,
  parsePolicyValue,
  type Policy,
  type PolicyKey,
} from './policy';

const PREFIX = 'policy.';
/**
 * Keys an older version stored under another name: its MFA/SSO rule was one switch (`mfaSsoRule`),
 * now two. A stored old value stands for both parts until one of them is set.
 */
const FORMERLY: Partial<Record<PolicyKey, string>> = { mfaRule: 'mfaSsoRule', ssoRule: 'mfaSsoRule' };

/** Not a settings row: the managed flag lives on each SKU (the License Information task keeps it). */
export const MANAGED_SKUS_KEY = 'managedSkus';

export interface PolicyEntry {
  key: PolicyKey;
  value: Policy[PolicyKey];
  text: string;
  isDefault: boolean;
  description: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface PolicyView {
  policy: Policy;
  entries: PolicyEntry[];
  managedSkus: {
    all: boolean;
    skus: { skuId: string; skuPartNumber: string; friendlyName: string; managed: boolean }[];
  };
  /** Stored values that no longer validate (the default is used instead). */
  warnings: string[];
}

export type PolicyChange =
  { ok: true; key: string; from: string; to: string; changed: boolean } | { ok: false; key: string; error: string };

/** The policy in the database: typed reads, validated writes, one audit row per change (docs/product-rules.md R34). */
export class PolicyStore {
  private readonly settings: AuditedSettings;

  constructor(private readonly store: DataSource) {
    this.settings = new AuditedSettings(store);
  }

  /** The policy in force: stored values over defaults. */
  async get(): Promise<Policy> {
    return (await this.view()).policy;
  }

  /** The policy with each value's origin, plus the managed-SKU selection, for `policy show` and the card. */
  async view(): Promise<PolicyView> {
    const rows = new Map((await this.settings.read(PREFIX)).map((r) => [r.key.slice(PREFIX.length), r]));
    const policy: Policy = { ...DEFAULT_POLICY, excludedUsers: [], excludedGroups: [], serviceAccountPatterns: [] };
    const warnings: string[] = [];
    const entries = POLICY_KEYS.map((key): PolicyEntry => {
      const former = FORMERLY[key];
      const row = rows.get(key) ?? (former ? rows.get(former) : undefined);
      let isDefault = true;
      if (row) {
        const parsed = POLICY_SCHEMAS[key].safeParse(row.value);
        if (parsed.success) {
          (policy as unknown as Record<string, unknown>)[key] = parsed.data;
          isDefault = false;
        } else warnings.push(`Stored ${key} is invalid (${parsed.error.issues[0]?.message}); the default is used.`);
      }
      return {
        key,
        value: policy[key],
        text: formatPolicyValue(policy[key]),
        isDefault,
        description: POLICY_DESCRIPTIONS[key],
        updatedAt: row?.updatedAt ?? null,
        updatedBy: row?.updatedBy ?? null,
      };
    });
    const skus = (
      await this.store
        .getRepository(Sku)
        .find({ select: ['skuId', 'skuPartNumber', 'friendlyName', 'managed'], order: { skuPartNumber: 'ASC' } })
    ).map((s) => ({
      skuId: s.skuId,
      skuPartNumber: s.skuPartNumber,
      friendlyName: s.friendlyName,
      managed: Boolean(s.managed),
    }));
    return { policy, entries, managedSkus: { all: skus.every((s) => s.managed), skus }, warnings };
  }

  /**
   * Changes one key from text (CLI argument, card input). `managedSkus` takes `all` or a
   * comma-separated list of part numbers or skuIds. Bad input changes nothing and is audited as refused.
   */
  async set(key: string, text: string, actor: string, now: Date): Promise<PolicyChange> {
    if (key === MANAGED_SKUS_KEY) return this.setManagedSkus(text, actor, now);
    if (!isPolicyKey(key))
      return this.refuse(
        key,
        text,
        actor,
        now,
        `unknown policy key; known keys: ${[...POLICY_KEYS, MANAGED_SKUS_KEY].join(', ')}`,
      );
    const parsed = parsePolicyValue(key, text);
    if (!parsed.success)
      return this.refuse(key, text, actor, now, parsed.error.issues.map((i) => i.message).join('; '));
    const current = await this.get();
    const from = formatPolicyValue(current[key]);
    const to = formatPolicyValue(parsed.data);
    if (from === to) return { ok: true, key, from, to, changed: false };
    // Back to the default deletes the row, unless an older name's row would then speak for the key.
    const former = FORMERLY[key];
    const shadowed = former !== undefined && (await this.settings.read(`${PREFIX}${former}`)).length > 0;
    const isDefault = !shadowed && formatPolicyValue(DEFAULT_POLICY[key]) === to;
    await this.settings.write(`${PREFIX}${key}`, isDefault ? undefined : parsed.data, {
      actor,
      at: now,
      action: 'policy.set',
      subject: key,
      detail: { key, from: current[key], to: parsed.data },
    });
    return { ok: true, key, from, to, changed: true };
  }

  private async setManagedSkus(text: string, actor: string, now: Date): Promise<PolicyChange> {
    const skus = await this.store.getRepository(Sku).find({ select: ['skuId', 'skuPartNumber', 'managed'] });
    const before = skus.every((s) => s.managed)
      ? 'all'
      : skus
          .filter((s) => s.managed)
          .map((s) => s.skuPartNumber)
          .sort()
          .join(',') || 'none';
    let selection: Set<string> | 'all';
    if (/^\s*all\s*$/i.test(text)) selection = 'all';
    else {
      const wanted = text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      const unknown = wanted.filter(
        (w) =>
          !skus.some(
            (s) => s.skuId.toLowerCase() === w.toLowerCase() || s.skuPartNumber.toLowerCase() === w.toLowerCase(),
          ),
      );
      if (wanted.length === 0 || unknown.length) {
        return this.refuse(
          MANAGED_SKUS_KEY,
          text,
          actor,
          now,
          wanted.length
            ? `unknown SKU ${unknown.join(', ')}`
            : 'give "all" or a comma-separated list of SKU part numbers',
        );
      }
      selection = new Set(
        skus
          .filter((s) =>
            wanted.some(
              (w) => s.skuId.toLowerCase() === w.toLowerCase() || s.skuPartNumber.toLowerCase() === w.toLowerCase(),
            ),
          )
          .map((s) => s.skuId.toLowerCase()),
      );
    }
    const after =
      selection === 'all'
        ? 'all'
        : skus
            .filter((s) => (selection as Set<string>).has(s.skuId.toLowerCase()))
            .map((s) => s.skuPartNumber)
            .sort()
            .join(',');
    const normalisedAfter = selection !== 'all' && selection.size === skus.length ? 'all' : after;
    if (before === normalisedAfter)
      return { ok: true, key: MANAGED_SKUS_KEY, from: before, to: normalisedAfter, changed: false };
    await this.settings.setManaged(selection, {
      actor,
      at: now,
      detail: { key: MANAGED_SKUS_KEY, from: before, to: normalisedAfter },
    });
    return { ok: true, key: MANAGED_SKUS_KEY, from: before, to: normalisedAfter, changed: true };
  }

  private async refuse(key: string, text: string, actor: string, now: Date, error: string): Promise<PolicyChange> {
    await this.settings.refuse(key.slice(0, 64), {
      actor,
      at: now,
      action: 'policy.set',
      detail: { key, value: text.slice(0, 200), error },
    });
    return { ok: false, key, error };
  }
}
