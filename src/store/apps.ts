/**
 * The 11 services of the "Services filter" (docs/product-rules.md R3), as stored in app_activity.app: the access task
 * writes them (src/tasks/access.ts), the rules and cards read them.
 */
export const APPS = [
  'exchange',
  'teams',
  'onedrive',
  'outlook',
  'sharepoint',
  'skype',
  'yammer',
  'dynamics365',
  'powerbi',
  'project',
  'visio',
] as const;
export type AppName = (typeof APPS)[number];

export const APP_LABELS: Record<AppName, string> = {
  exchange: 'Microsoft Exchange Server',
  teams: 'Microsoft Teams',
  onedrive: 'OneDrive',
  outlook: 'Outlook',
  sharepoint: 'SharePoint',
  skype: 'Skype for Business',
  yammer: 'Yammer',
  dynamics365: 'Dynamics 365',
  powerbi: 'Power BI',
  project: 'Project',
  visio: 'Visio',
};
