import { z } from 'zod';
import { parseAmount } from './money';

/**
 * One license cost as an admin enters it (docs/product-rules.md R16: Effective Date, Expiration Date,
 * Cost, Currency, Payment Frequency), from the CLI, a CSV row or the Teams form alike. The field
 * names are the CSV columns and the CLI options, so an error names what the admin typed.
 */
export const COST_FIELDS = ['sku', 'cost', 'currency', 'frequency', 'months', 'effective', 'expires'] as const;
export type CostField = (typeof COST_FIELDS)[number];

/** How often the cost is paid: once a month, once a year, once per term of `months`, or once. */
export const PAYMENT_FREQUENCIES = ['monthly', 'annual', 'multi-year', 'one-time'] as const;

/**
 * ISO 4217 codes as the runtime's ICU (CLDR) knows them: the codes in use, without funds and
 * metals. Read once; Node's full ICU carries them.
 */
export const CURRENCY_CODES: readonly string[] = Intl.supportedValuesOf('currency');
const CURRENCIES: ReadonlySet<string> = new Set(CURRENCY_CODES);
export const isCurrency = (code: string): boolean => CURRENCIES.has(code.toUpperCase());

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = z.string().trim();
const day = z.preprocess(
  blank,
  text
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
    .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a real date')
    .optional(),
);

export const costEntrySchema = z
  .object({
    /** A SKU part number (SPE_E3) or skuId. */
    sku: text.min(1, 'a SKU part number or id').max(128),
    /** The price of one license for one payment (a year's price for annual). */
    cost: text.refine(
      (c) => (parseAmount(c) ?? 0n) > 0n,
      (c) => ({ message: `"${c}" is not a positive amount such as 36 or 432.00` }),
    ),
    currency: text
      .transform((c) => c.toUpperCase())
      .refine(isCurrency, (c) => ({ message: `"${c}" is not an ISO 4217 currency code such as USD or EUR` })),
    frequency: text
      .toLowerCase()
      .pipe(z.enum(PAYMENT_FREQUENCIES, { errorMap: () => ({ message: `one of ${PAYMENT_FREQUENCIES.join(', ')}` }) })),
    /** Months one payment covers: multi-year needs it; one-time takes it or the two dates. */
    months: z.preprocess(
      blank,
      z.coerce
        .number({ invalid_type_error: 'a whole number of months' })
        .int('a whole number of months')
        .min(1)
        .max(120)
        .optional(),
    ),
    effective: day,
    expires: day,
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (path: CostField, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.effective && v.expires && v.expires < v.effective)
      issue('expires', `${v.expires} is before the effective date ${v.effective}`);
    if (v.frequency === 'multi-year' && v.months === undefined)
      issue('months', 'a multi-year cost needs the months one payment covers');
    if (v.frequency === 'one-time' && v.months === undefined && !(v.effective && v.expires))
      issue('months', 'a one-time cost needs the months it covers, or effective and expiry dates');
    if ((v.frequency === 'monthly' || v.frequency === 'annual') && v.months !== undefined)
      issue('months', `only for multi-year or one-time, not ${v.frequency}`);
  });

export type CostEntryInput = z.input<typeof costEntrySchema>;
export type CostEntry = z.output<typeof costEntrySchema>;

/** "cost: "-1" is not a positive amount…; currency: …": every field at fault, named. */
export function costEntryErrors(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
}
