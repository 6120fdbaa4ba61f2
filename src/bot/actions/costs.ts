import { z } from 'zod';
import { enteredText } from '../cards/costs';
import { costFormCard, costsCard } from '../views/costs-view';
import { defineAction } from './action';
import { VERBS } from './verbs';

const skuId = z.string().regex(/^[0-9a-fA-F-]{36}$/);
/** What the form's inputs send: strings (Teams), numbers (some clients) or nothing for an empty input. */
const field = z
  .union([z.string().max(64), z.number()])
  .optional()
  .transform((v) => (v === undefined ? undefined : String(v)));

/** "Back to costs" on the form, and the list itself. */
export const costsOpenAction = defineAction({
  verb: VERBS.costsOpen,
  schema: z.object({}).strict(),
  handle: ({ services, caller }) => costsCard(services, caller),
});

/** "Enter cost" on a license of the costs card: its form. Admins only. */
export const costsEditAction = defineAction({
  verb: VERBS.costsEdit,
  schema: z.object({ skuId }).strict(),
  adminOnly: true,
  handle: ({ services, data }) => costFormCard(services, data.skuId),
});

/**
 * "Save cost": validated field by field by the domain (src/insights/cost-entry.ts), stored with an
 * audit row, or refused with each field named, the refusal audited too, and the form shown again.
 * Admins only (refused and audited by the dispatcher otherwise).
 */
export const costsSaveAction = defineAction({
  verb: VERBS.costsSave,
  schema: z
    .object({ skuId, cost: field, currency: field, frequency: field, months: field, effective: field, expires: field })
    .strict(),
  adminOnly: true,
  async handle({ services, caller, data }) {
    const now = services.now();
    const entry = {
      sku: data.skuId,
      cost: data.cost ?? '',
      currency: data.currency ?? '',
      frequency: data.frequency ?? '',
      months: data.months,
      effective: data.effective,
      expires: data.expires,
    };
    const change = await services.insights.setLicenseCost(entry, caller.aadObjectId ?? 'unknown', now);
    if (!change.ok)
      return costFormCard(services, data.skuId, {
        error: change.errors.join('; '),
        ...(data.currency ? { currency: data.currency } : {}),
        ...(data.frequency ? { frequency: data.frequency } : {}),
      });
    const saved = (await services.insights.licenseCosts(now)).find((c) => c.skuId === data.skuId.toLowerCase());
    const record = saved?.entered.find((e) => e.id === change.ids[0]);
    return costsCard(
      services,
      caller,
      `Saved for ${saved?.friendlyName ?? data.skuId}: ${record ? enteredText(record) : 'the cost'}. Spend, waste and the summary use it from now on.`,
    );
  },
});
