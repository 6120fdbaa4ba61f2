import type { GroupDefinition } from '../tenant/catalog-groups';
import { skuAt } from '../tenant/catalog-skus';

/** A group as Graph returns it; license groups list the SKUs they assign in assignedLicenses. */
export function groupJson(g: GroupDefinition): Record<string, unknown> {
  return {
    id: g.id,
    displayName: g.displayName,
    description: g.description,
    mailNickname: g.mailNickname,
    mailEnabled: false,
    securityEnabled: true,
    groupTypes: [],
    assignedLicenses: g.licenseSkus.map((s) => ({ disabledPlans: [], skuId: skuAt(s).skuId })),
  };
}

export const GROUP_PROPERTY_NAMES: ReadonlySet<string> = new Set([
  'id',
  'displayName',
  'description',
  'mailNickname',
  'mailEnabled',
  'securityEnabled',
  'groupTypes',
  'assignedLicenses',
]);

export function pick(json: Record<string, unknown>, props: readonly string[] | undefined): Record<string, unknown> {
  return props ? Object.fromEntries(props.map((p) => [p, json[p] ?? null])) : json;
}
