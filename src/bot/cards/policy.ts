import type { PolicyView } from '../../insights';
import type { Admins } from '../auth/admins';
import type { DigestSchedule } from '../digest/schedule-setting';
import type { ReclamationSettingsValue } from '../../reclamation/settings';
import type { Fact } from './card-parts';
import { day } from './format';

export interface PolicyCardInput {
  view: PolicyView;
  admins: Admins & { source: 'settings' | 'default' };
  schedule: DigestSchedule;
  banner: string;
  /** Approval settings (approvers, dry run, expiry, approvals channel); absent in old samples. */
  reclamation?: ReclamationSettingsValue;
}

/** The data of `templates/policy.json`. */
export interface PolicyCard {
  title: string;
  subtitle: string;
  banner: string;
  entries: { key: string; value: string; description: string }[];
  facts: Fact[];
  warnings: string[];
  footer: string;
}

/** Data for `templates/policy.json`: every policy value with what it does, the managed SKUs, admins and the digest schedule. */
export function policyCardData(input: PolicyCardInput): PolicyCard {
  const { view } = input;
  const managed = view.managedSkus.all
    ? 'all'
    : view.managedSkus.skus
        .filter((s) => s.managed)
        .map((s) => s.skuPartNumber)
        .join(', ') || 'none';
  return {
    title: 'Policy',
    subtitle: 'What counts as waste, and who is never proposed. Changes are audited.',
    banner: input.banner,
    entries: view.entries.map((e) => ({
      key: e.key,
      value: `${e.text}${e.isDefault ? ' (default)' : ''}`,
      description: `${e.description}${e.updatedAt ? ` Changed ${day(e.updatedAt)}.` : ''}`,
    })),
    facts: [
      { title: 'Managed licenses', value: managed },
      {
        title: 'Admins',
        value: `${input.admins.users.length} named, ${input.admins.groups.length} group(s)${input.admins.source === 'default' ? ' (demo default)' : ''}`,
      },
      { title: 'Digest schedule', value: `${input.schedule.cron} (${input.schedule.timezone})` },
      ...(input.reclamation ? reclamationFacts(input.reclamation) : []),
    ],
    warnings: view.warnings,
    footer:
      'Change a value with `policy set <key> <value>`, e.g. `policy set inactiveDays 60` or `policy set managedSkus SPE_E3,SPE_E5`. Lists are comma-separated; `none` clears one. Approvals: `approvers <id>,<id>` (or `users:… groups:…`), `reclamation.dryRun true`, `reclamation.expiryDays 7`, `approvals.channel here`, `reclamation.askHolder off`, `reclamation.askDays 7`.',
  };
}

function reclamationFacts(r: ReclamationSettingsValue): Fact[] {
  return [
    {
      title: 'Fallback approvers',
      value:
        r.approvers.users.length || r.approvers.groups.length
          ? `${r.approvers.users.length} named, ${r.approvers.groups.length} group(s)`
          : 'none (managers in Entra only)',
    },
    { title: 'Dry run', value: r.dryRun ? 'on: no license is removed' : 'off' },
    { title: 'Requests expire after', value: `${r.expiryDays} days` },
    { title: 'Approvals channel', value: r.approvalsChannel ?? "none (approvers' chats only)" },
    {
      title: 'Request automatically',
      value: r.autoRequestDays === null ? 'off' : `for users inactive ${r.autoRequestDays}+ days`,
    },
    {
      title: 'Ask the holder first',
      value: r.askHolder
        ? `on: ${r.askDays} days to answer; Release ${r.managerAfterRelease ? 'still goes to the approver' : 'is the decision'}; Keep ${r.keepCloses ? 'closes the request' : 'goes to the approver'}; not asked again for ${r.keepCooldownDays} days after a Keep`
        : 'off: the approver is asked directly',
    },
  ];
}
