/**
 * The tenant's products: real skuIds, part numbers and service plan ids from Microsoft's "Product names
 * and service plan identifiers for licensing" reference (docs/graph-behaviour.md §10). Plan lists are trimmed to the
 * plans that matter for activity (a real E3 carries ~30 plans). `workload` says which usage-report
 * column a plan licenses ("Has Exchange License", …).
 */
export const Workload = {
  exchange: 1,
  oneDrive: 2,
  sharePoint: 4,
  skype: 8,
  yammer: 16,
  teams: 32,
  officeApps: 64,
  projectClient: 128,
  visioClient: 256,
} as const;

export interface ServicePlan {
  readonly id: string;
  readonly name: string;
  readonly workload: number;
}

export interface SkuDefinition {
  readonly skuId: string;
  readonly skuPartNumber: string;
  readonly displayName: string;
  readonly plans: readonly ServicePlan[];
  /** Seats bought beyond those assigned at generation; 0 leaves no free seat (assignLicense error). */
  readonly spare: number;
  readonly capabilityStatus: 'Enabled' | 'Warning' | 'Suspended';
  readonly warningUnits: number;
  readonly suspendedUnits: number;
}

const plan = (id: string, name: string, workload = 0): ServicePlan => ({ id, name, workload });

const EXO_P2 = plan('efb87545-963c-4e0d-99df-69c6916d9eb0', 'EXCHANGE_S_ENTERPRISE', Workload.exchange);
const EXO_P1 = plan('9aaf7827-d63c-4b61-89c3-182f06f82e5c', 'EXCHANGE_S_STANDARD', Workload.exchange);
const SPO_P2 = plan(
  '5dbe027f-2339-4123-9542-606e4d348a72',
  'SHAREPOINTENTERPRISE',
  Workload.sharePoint | Workload.oneDrive,
);
const SPO_P1 = plan(
  'c7699d2e-19aa-44de-8edf-1736da088ca1',
  'SHAREPOINTSTANDARD',
  Workload.sharePoint | Workload.oneDrive,
);
const TEAMS = plan('57ff2da0-773e-42df-b2af-ffb7a2317929', 'TEAMS1', Workload.teams);
const SKYPE = plan('0feaeb32-d00e-4d66-bd5a-43b5b83db82c', 'MCOSTANDARD', Workload.skype);
const YAMMER = plan('7547a3fe-08ee-4ccb-b430-5077c5041653', 'YAMMER_ENTERPRISE', Workload.yammer);
const WAC = plan('e95bec33-7c88-4a70-8e19-b10bd9d0c014', 'SHAREPOINTWAC');
const APPS_ENT = plan('43de0ff5-c92c-492b-9116-175376d08c38', 'OFFICESUBSCRIPTION', Workload.officeApps);
const APPS_BIZ = plan('094e7854-93fc-4d55-b2c0-3ab5369ebdc1', 'OFFICE_BUSINESS', Workload.officeApps);
const AAD_P1 = plan('41781fb2-bc02-4b7c-bd55-b576c07bb09d', 'AAD_PREMIUM');
const AAD_P2 = plan('eec0eb4f-6444-4f95-aba0-50c24d67f998', 'AAD_PREMIUM_P2');
const MFA = plan('8a256a2b-b617-496d-b51b-e76466e88db0', 'MFA_PREMIUM');
const INTUNE = plan('c1ec4a95-1f05-45b3-a911-aa3fa01094f5', 'INTUNE_A');
const MCAS_DISCOVERY = plan('932ad362-64a8-4783-9106-97849a1a30b9', 'ADALLOM_S_DISCOVERY');
const PBI_PRO = plan('70d33638-9c74-4d01-bfd3-562de28bd4ba', 'BI_AZURE_P2');
const PHONE = plan('4828c8ec-dc2e-4779-b502-87ac9ce28ab7', 'MCOEV');

const O365_E3 = [EXO_P2, SPO_P2, TEAMS, SKYPE, YAMMER, WAC, APPS_ENT];
const BIZ_BASIC = [EXO_P1, SPO_P1, TEAMS, SKYPE, YAMMER, WAC];

const sku = (
  skuId: string,
  skuPartNumber: string,
  displayName: string,
  plans: readonly ServicePlan[],
  purchase: Partial<Pick<SkuDefinition, 'spare' | 'capabilityStatus' | 'warningUnits' | 'suspendedUnits'>> = {},
): SkuDefinition => ({
  skuId,
  skuPartNumber,
  displayName,
  plans,
  spare: purchase.spare ?? 0.06,
  capabilityStatus: purchase.capabilityStatus ?? 'Enabled',
  warningUnits: purchase.warningUnits ?? 0,
  suspendedUnits: purchase.suspendedUnits ?? 0,
});

/** Index order matters: a user's licenses are a bit mask over this list. */
export const SKUS: readonly SkuDefinition[] = [
  sku('05e9a617-0261-4cee-bb44-138d3ef5d965', 'SPE_E3', 'Microsoft 365 E3', [...O365_E3, AAD_P1, MFA, INTUNE]),
  sku('06ebc4ee-1bb5-47dd-8120-11324bc54e06', 'SPE_E5', 'Microsoft 365 E5', [
    ...O365_E3,
    AAD_P1,
    AAD_P2,
    MFA,
    INTUNE,
    PBI_PRO,
    PHONE,
  ]),
  sku('6fd2c87f-b296-42f0-b197-1e91e994b900', 'ENTERPRISEPACK', 'Office 365 E3', O365_E3),
  sku('c7df2760-2c81-4ef7-b578-5b5392b571df', 'ENTERPRISEPREMIUM', 'Office 365 E5', [...O365_E3, PBI_PRO, PHONE], {
    spare: 0.2,
  }),
  sku('3b555118-da6a-4418-894f-7df1e2096870', 'O365_BUSINESS_ESSENTIALS', 'Microsoft 365 Business Basic', BIZ_BASIC),
  sku('f245ecc8-75af-4f8e-b61f-27d8114de5f3', 'O365_BUSINESS_PREMIUM', 'Microsoft 365 Business Standard', [
    ...BIZ_BASIC,
    APPS_BIZ,
  ]),
  sku('cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46', 'SPB', 'Microsoft 365 Business Premium', [
    ...BIZ_BASIC,
    APPS_BIZ,
    AAD_P1,
    MFA,
    INTUNE,
  ]),
  sku('f8a1db68-be16-40ed-86d5-cb42ce701560', 'POWER_BI_PRO', 'Power BI Pro', [PBI_PRO], { spare: 0 }),
  sku(
    'c5928f49-12ba-48f7-ada3-0d743a3601d5',
    'VISIOCLIENT',
    'Visio Plan 2',
    [
      plan('663a804f-1c30-4ff0-9915-9db84f0d1cea', 'VISIO_CLIENT_SUBSCRIPTION', Workload.visioClient),
      plan('2bdbaf8f-738f-4ac7-9234-3c3ee2ce7d0f', 'VISIOONLINE'),
    ],
    { capabilityStatus: 'Warning', warningUnits: 5 },
  ),
  sku(
    '53818b1b-4a27-454b-8896-0dba576410e6',
    'PROJECTPROFESSIONAL',
    'Project Plan 3',
    [
      plan('fafd7243-e5c1-4a3a-9e40-495efcb1d3c3', 'PROJECT_CLIENT_SUBSCRIPTION', Workload.projectClient),
      plan('fe71d6c3-a2ea-4499-9778-da042bf08063', 'SHAREPOINT_PROJECT'),
      plan('818523f5-016b-4355-9be8-ed6944946ea7', 'PROJECT_PROFESSIONAL'),
    ],
    { spare: 0.1 },
  ),
  sku(
    '1e1a282c-9c54-43a2-9310-98ef728faace',
    'DYN365_ENTERPRISE_SALES',
    'Dynamics 365 Sales Enterprise Edition',
    [plan('2da8e897-7791-486b-b08f-cc63c8129df7', 'DYN365_ENTERPRISE_SALES')],
    { suspendedUnits: 3 },
  ),
  sku('078d2b04-f1bd-4111-bbd4-b4b1b354cef4', 'AAD_PREMIUM', 'Microsoft Entra ID P1', [AAD_P1, MFA, MCAS_DISCOVERY]),
  sku(
    '639dec6b-bb19-468b-871c-c5c441c4b0cb',
    'Microsoft_365_Copilot',
    'Microsoft 365 Copilot',
    [
      plan('a62f8878-de10-42f3-b68f-6149a25ceb97', 'M365_COPILOT_APPS'),
      plan('b95945de-b3bd-46db-8437-f2beb6ea2347', 'M365_COPILOT_TEAMS'),
      plan('3f30311c-6b1e-48a4-ab79-725b469da960', 'M365_COPILOT_BUSINESS_CHAT'),
      plan('931e4a88-a67f-48b5-814f-16a5f1e6028d', 'M365_COPILOT_INTELLIGENT_SEARCH'),
      plan('82d30987-df9b-4486-b146-198b21d164c7', 'GRAPH_CONNECTORS_COPILOT'),
      plan('89f1c4c8-0878-40f7-804d-869c9128ab5d', 'M365_COPILOT_CONNECTORS'),
    ],
    { spare: 0.1 },
  ),
  sku('4b9405b0-7788-4568-add1-99614e613b69', 'EXCHANGESTANDARD', 'Exchange Online (Plan 1)', [EXO_P1]),
  // A free self-service SKU many tenants hold, assigned to nobody here: its name is only in
  // Microsoft's whole product names table (src/tasks/data/product-names.csv).
  sku('f30db892-07e9-47e9-837c-80727f46fd3d', 'FLOW_FREE', 'Microsoft Power Automate Free', [
    plan('50e68c76-46c6-4674-81f9-75456511b170', 'FLOW_P2_VIRAL'),
  ]),
];

/** Index of each SKU by name, for readable generation rules. */
export const Sku = {
  m365E3: 0,
  m365E5: 1,
  o365E3: 2,
  o365E5: 3,
  businessBasic: 4,
  businessStandard: 5,
  businessPremium: 6,
  powerBiPro: 7,
  visio: 8,
  project: 9,
  dynamics: 10,
  entraP1: 11,
  copilot: 12,
  exchangeP1: 13,
  flowFree: 14,
} as const;

export function skuIndexById(skuId: string): number {
  const lower = skuId.toLowerCase();
  return SKUS.findIndex((s) => s.skuId === lower);
}

export function skuAt(index: number): SkuDefinition {
  const def = SKUS[index];
  if (!def) throw new RangeError(`no SKU at ${index}`);
  return def;
}
