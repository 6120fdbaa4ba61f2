import { z } from 'zod';
import data from './data/list-prices.json';

/**
 * The shipped list-price table (src/insights/data/list-prices.json; provenance in its `about`): the
 * fallback cost until an admin enters the tenant's own (docs/product-rules.md R16). Imported as JSON so the
 * compiled build carries it.
 */
const priceSchema = z.object({
  skuPartNumber: z.string().min(1),
  skuId: z.string().uuid().optional(),
  product: z.string().min(1),
  cost: z.string().regex(/^\d+(\.\d+)?$/),
  currency: z.string().length(3),
  paymentFrequency: z.string().min(1),
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: z.string().url().startsWith('https://www.microsoft.com/'),
});
export const listPriceFileSchema = z.object({
  about: z.string().min(1),
  unit: z.string(),
  prices: z.array(priceSchema).min(1),
});

export type ListPrice = z.infer<typeof priceSchema>;

const table = listPriceFileSchema.parse(data);
const byId = new Map(table.prices.filter((p) => p.skuId).map((p) => [p.skuId!.toLowerCase(), p]));
const byPart = new Map(table.prices.map((p) => [p.skuPartNumber.toUpperCase(), p]));

/** The list price of a SKU by skuId, then part number; undefined when the table has none. */
export function listPriceFor(skuId: string, skuPartNumber: string): ListPrice | undefined {
  return byId.get(skuId.toLowerCase()) ?? byPart.get(skuPartNumber.toUpperCase());
}

export const LIST_PRICES: readonly ListPrice[] = table.prices;
