/**
 * Microsoft 365 Copilot's vocabulary in the store: the apps of the Copilot usage report (one
 * `copilot_activity` column each, written by src/tasks/copilot-usage.ts) and the SKUs that are a
 * Copilot seat. docs/copilot.md has the report's columns and where these ids come from.
 */
export const COPILOT_APPS = ['teams', 'word', 'excel', 'powerPoint', 'outlook', 'oneNote', 'loop', 'chat'] as const;
export type CopilotApp = (typeof COPILOT_APPS)[number];

export const COPILOT_APP_LABELS: Readonly<Record<CopilotApp, string>> = {
  teams: 'Teams',
  word: 'Word',
  excel: 'Excel',
  powerPoint: 'PowerPoint',
  outlook: 'Outlook',
  oneNote: 'OneNote',
  loop: 'Loop',
  chat: 'Copilot Chat',
};

/**
 * Microsoft 365 Copilot SKUs of Microsoft's product names table (src/tasks/data/product-names.csv):
 * Microsoft_365_Copilot, M365_Copilot and Microsoft_365_Copilot_EDU. A SKU carrying the
 * M365_COPILOT_APPS service plan counts too, so a new Copilot offer is recognised by its plans.
 */
export const COPILOT_SKU_IDS: readonly string[] = [
  '639dec6b-bb19-468b-871c-c5c441c4b0cb',
  'a809996b-059e-42e2-9866-db24b99a9782',
  'ad9c22b3-52d7-4e7e-973c-88121ea96436',
];
export const COPILOT_APPS_PLAN_ID = 'a62f8878-de10-42f3-b68f-6149a25ceb97';

export function isCopilotSku(sku: { skuId: string; servicePlans?: readonly { servicePlanId: string }[] }): boolean {
  return (
    COPILOT_SKU_IDS.includes(sku.skuId.toLowerCase()) ||
    (sku.servicePlans ?? []).some((p) => p.servicePlanId.toLowerCase() === COPILOT_APPS_PLAN_ID)
  );
}
