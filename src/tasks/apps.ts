import type { AppName } from '../store';

/** Columns of getOffice365ActiveUserDetail holding each service's last activity (docs/graph-behaviour.md §4.1). */
export const ACTIVE_USER_COLUMNS: Partial<Record<AppName, string>> = {
  exchange: 'Exchange Last Activity Date',
  onedrive: 'OneDrive Last Activity Date',
  sharepoint: 'SharePoint Last Activity Date',
  skype: 'Skype For Business Last Activity Date',
  yammer: 'Yammer Last Activity Date',
  teams: 'Teams Last Activity Date',
};

/**
 * First-party app ids whose sign-ins stand for use of the service (docs/graph-behaviour.md
 * §6.1). Visio is left out: its last activity date
 * cannot be captured (docs/product-rules.md R12).
 */
export const SIGN_IN_APP_IDS: Partial<Record<AppName, string>> = {
  dynamics365: '00000007-0000-0000-c000-000000000000',
  powerbi: '00000009-0000-0000-c000-000000000000',
  project: '09abbdfd-ed23-44ee-a2d9-a627aa1c90f3',
};
