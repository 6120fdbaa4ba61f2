/**
 * Applications that appear in the sign-in log. AppIds are Microsoft first-party ids
 * (docs/graph-behaviour.md §6.1, with its sources). The last four are the apps read from sign-ins (Dynamics 365,
 * Power BI, Project, Visio: docs/product-rules.md R3); Visio has no last-activity date (R12), so clients may ignore it.
 */
export type TrackedApp = 'dynamics365' | 'powerBI' | 'project' | 'visio';

export interface SignInApp {
  readonly appId: string;
  readonly displayName: string;
  readonly resourceId: string;
  readonly resourceDisplayName: string;
  readonly tracked?: TrackedApp;
}

const GRAPH = '00000003-0000-0000-c000-000000000000';

export const SIGN_IN_APPS: readonly SignInApp[] = [
  {
    appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
    displayName: 'Microsoft Teams',
    resourceId: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe',
    resourceDisplayName: 'Microsoft Teams Services',
  },
  {
    appId: '00000002-0000-0ff1-ce00-000000000000',
    displayName: 'Office 365 Exchange Online',
    resourceId: '00000002-0000-0ff1-ce00-000000000000',
    resourceDisplayName: 'Office 365 Exchange Online',
  },
  {
    appId: '4765445b-32c6-49b0-83e6-1d93765276ca',
    displayName: 'OfficeHome',
    resourceId: GRAPH,
    resourceDisplayName: 'Microsoft Graph',
  },
  {
    appId: '00000003-0000-0ff1-ce00-000000000000',
    displayName: 'Office 365 SharePoint Online',
    resourceId: '00000003-0000-0ff1-ce00-000000000000',
    resourceDisplayName: 'Office 365 SharePoint Online',
  },
  {
    appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
    displayName: 'Microsoft Office',
    resourceId: GRAPH,
    resourceDisplayName: 'Microsoft Graph',
  },
  {
    appId: '00000007-0000-0000-c000-000000000000',
    displayName: 'Dataverse',
    resourceId: '00000007-0000-0000-c000-000000000000',
    resourceDisplayName: 'Dataverse',
    tracked: 'dynamics365',
  },
  {
    appId: '00000009-0000-0000-c000-000000000000',
    displayName: 'Power BI Service',
    resourceId: '00000009-0000-0000-c000-000000000000',
    resourceDisplayName: 'Power BI Service',
    tracked: 'powerBI',
  },
  {
    appId: '09abbdfd-ed23-44ee-a2d9-a627aa1c90f3',
    displayName: 'ProjectWorkManagement',
    resourceId: '09abbdfd-ed23-44ee-a2d9-a627aa1c90f3',
    resourceDisplayName: 'ProjectWorkManagement',
    tracked: 'project',
  },
  {
    appId: '00695ed2-3202-4156-8da1-69f60065e255',
    displayName: 'Microsoft Visio Data Visualizer',
    resourceId: GRAPH,
    resourceDisplayName: 'Microsoft Graph',
    tracked: 'visio',
  },
];

/** Sign-in app index per general workload, used when a user's activity implies a sign-in. */
export const GeneralApp = { teams: 0, exchange: 1, officeHome: 2, sharePoint: 3, office: 4 } as const;

/** Index in SIGN_IN_APPS of each tracked app, in the order of Tenant.appLastUse. */
export const TRACKED_APPS: readonly TrackedApp[] = ['dynamics365', 'powerBI', 'project', 'visio'];
export const TRACKED_APP_INDEX: readonly number[] = TRACKED_APPS.map((name) =>
  SIGN_IN_APPS.findIndex((app) => app.tracked === name),
);

/** Failure codes seen on interactive sign-ins (status.errorCode != 0). */
export const SIGN_IN_FAILURES: readonly { readonly code: number; readonly reason: string }[] = [
  { code: 50126, reason: 'Error validating credentials due to invalid username or password.' },
  {
    code: 50053,
    reason: "The account is locked, you've tried to sign in too many times with an incorrect user ID or password.",
  },
  { code: 50074, reason: 'Strong Authentication is required.' },
  { code: 50057, reason: 'The user account is disabled.' },
];
