import { APP_LABELS, type AppName, type ServicePlanInfo } from '../store';

/**
 * Which of the 11 services (src/store/apps.ts; docs/product-rules.md R3) a SKU's service plans provide, read from the
 * plan names of Microsoft's "Product names and service plan identifiers for licensing" table, plus
 * `officeApps` (the desktop apps: activations and Windows/Mac use), which a downgrade must keep.
 * EXCHANGE_S_FOUNDATION is left out on purpose: it is a technical plan inside many non-mail SKUs.
 */
export type Service = AppName | 'officeApps';
export const SERVICE_LABELS: Readonly<Record<Service, string>> = { ...APP_LABELS, officeApps: 'Office desktop apps' };

const PLAN_SERVICES: readonly (readonly [RegExp, readonly Service[]])[] = [
  [/^EXCHANGE_S_(ENTERPRISE|STANDARD|DESKLESS|ESSENTIALS)|^EXCHANGE_L_STANDARD/, ['exchange', 'outlook']],
  [/^SHAREPOINT(ENTERPRISE|STANDARD|DESKLESS|_S_DEVELOPER)/, ['sharepoint', 'onedrive']],
  [/^ONEDRIVE(STANDARD|ENTERPRISE|_BASIC)/, ['onedrive']],
  [/^TEAMS/, ['teams']],
  [/^MCO(STANDARD|IMP)$/, ['skype']],
  [/^YAMMER_/, ['yammer']],
  [/^BI_AZURE_P[0-3]$/, ['powerbi']],
  [/^PROJECT_(CLIENT_SUBSCRIPTION|PROFESSIONAL|ESSENTIALS)|^SHAREPOINT_PROJECT/, ['project']],
  [/^VISIO/, ['visio']],
  [/^DYN365_|^CRM/, ['dynamics365']],
  [/^OFFICESUBSCRIPTION$|^OFFICE_BUSINESS$/, ['officeApps']],
];

/** Services of one plan (empty for plans that carry none of them, e.g. AAD_PREMIUM). */
export function planServices(planName: string): readonly Service[] {
  return PLAN_SERVICES.find(([re]) => re.test(planName.toUpperCase()))?.[1] ?? [];
}

const servicesOfPlans = new WeakMap<readonly ServicePlanInfo[], ReadonlySet<Service>>();

/**
 * Services a SKU provides through plans not disabled tenant-wide. Remembered per plan list: the
 * downgrade search asks it for the same few SKUs once per usage group (thousands of times).
 */
export function skuServices(plans: readonly ServicePlanInfo[]): ReadonlySet<Service> {
  const known = servicesOfPlans.get(plans);
  if (known) return known;
  const out = new Set<Service>();
  for (const p of plans)
    if (p.provisioningStatus !== 'Disabled') for (const s of planServices(p.servicePlanName)) out.add(s);
  servicesOfPlans.set(plans, out);
  return out;
}
