import { Sku } from './catalog-skus';

/**
 * Groups in every synthetic tenant. License groups assign SKUs (group-based licensing), so their
 * members hold group-inherited licenses that assignLicense cannot remove (docs/graph-behaviour.md §7). Ids are fixed
 * so a playground configuration can name them (e.g. the exclusion group).
 */
export interface GroupDefinition {
  readonly id: string;
  readonly displayName: string;
  readonly mailNickname: string;
  readonly description: string;
  readonly licenseSkus: readonly number[];
  /** Groups that are members of this one (nested); group-based licensing does not flow into them. */
  readonly memberGroups?: readonly number[];
}

export const GROUPS: readonly GroupDefinition[] = [
  {
    id: '7d1c3f0a-52a4-4f6e-9d0b-3e1f8c2a6b01',
    displayName: 'LIC - Microsoft 365 E3 (All Staff)',
    mailNickname: 'lic-m365-e3',
    description: 'Group-based licensing: Microsoft 365 E3 for all staff',
    licenseSkus: [Sku.m365E3],
  },
  {
    id: '7d1c3f0a-52a4-4f6e-9d0b-3e1f8c2a6b02',
    displayName: 'LIC - Power BI Pro',
    mailNickname: 'lic-powerbi-pro',
    description: 'Group-based licensing: Power BI Pro for analysts',
    licenseSkus: [Sku.powerBiPro],
  },
  {
    id: '7d1c3f0a-52a4-4f6e-9d0b-3e1f8c2a6b03',
    displayName: 'LIC - Entra ID P1',
    mailNickname: 'lic-entra-p1',
    description: 'Group-based licensing: Microsoft Entra ID P1',
    licenseSkus: [Sku.entraP1],
  },
  {
    id: '7d1c3f0a-52a4-4f6e-9d0b-3e1f8c2a6b04',
    displayName: 'License Steward - Excluded',
    mailNickname: 'license-steward-excluded',
    description: 'People License Steward must never propose for reclamation',
    licenseSkus: [],
    // Executive Leadership (index 4) is a member: its people are excluded through the nesting only.
    memberGroups: [4],
  },
  {
    id: '7d1c3f0a-52a4-4f6e-9d0b-3e1f8c2a6b05',
    displayName: 'Executive Leadership',
    mailNickname: 'executive-leadership',
    description: 'Executive leadership team',
    licenseSkus: [],
  },
];

export const Group = { e3: 0, powerBi: 1, entraP1: 2, excluded: 3, executives: 4 } as const;

/** Bits of the group and every group nested in it, at any depth: whose members are its transitive members. */
export function transitiveGroupMask(group: number, seen = 0): number {
  if (seen & (1 << group)) return seen;
  let mask = seen | (1 << group);
  for (const nested of GROUPS[group]?.memberGroups ?? []) mask = transitiveGroupMask(nested, mask);
  return mask;
}

export function groupIndexById(id: string): number {
  const lower = id.toLowerCase();
  return GROUPS.findIndex((g) => g.id === lower);
}

/** SKU mask a group membership mask confers. */
export function skusFromGroups(groupMask: number): number {
  let mask = 0;
  GROUPS.forEach((group, index) => {
    if (groupMask & (1 << index)) for (const sku of group.licenseSkus) mask |= 1 << sku;
  });
  return mask;
}
