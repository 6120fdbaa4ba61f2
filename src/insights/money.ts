/**
 * Exact money arithmetic. Costs are stored as decimal text (license_costs.cost) and must never go
 * through binary floating point when summed over 100,000 users: amounts are held as BigInt
 * millionths, rounded half away from zero when divided, and printed with two decimals.
 */
const SCALE = 1_000_000n;
const DECIMAL = /^\s*(-?)(\d{1,15})(?:\.(\d{1,6})\d*)?\s*$/;

export type Micros = bigint;

/** Parses `12`, `12.5`, `0.333333`; null for anything else (including negatives' garbage). */
export function parseAmount(text: string): Micros | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const micros = BigInt(whole!) * SCALE + BigInt(fraction.padEnd(6, '0'));
  return sign ? -micros : micros;
}

/** `a / n`, rounded half away from zero. */
export function divide(a: Micros, n: bigint): Micros {
  if (n === 0n) throw new RangeError('divide by zero');
  const q = a / n;
  const r = a % n;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  const away = twice >= (n < 0n ? -n : n);
  return away ? q + (a < 0n !== n < 0n ? -1n : 1n) : q;
}

/** Two decimals, rounded half away from zero: `12.50`. */
export function formatAmount(a: Micros): string {
  const cents = divide(a, 10_000n);
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** As a JS number, for sorting only (never for sums). */
export function toNumber(a: Micros): number {
  return Number(a) / 1_000_000;
}

/** Sums per currency; amounts in different currencies are never added (docs/product-rules.md R31): adding them would need an exchange rate nobody gave. */
export class CurrencyTotals {
  private readonly totals = new Map<string, Micros>();

  add(currency: string, amount: Micros): void {
    const key = currency.toUpperCase();
    this.totals.set(key, (this.totals.get(key) ?? 0n) + amount);
  }

  /** Sorted by currency code, formatted. */
  list(): { currency: string; amount: string }[] {
    return [...this.totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amount]) => ({ currency, amount: formatAmount(amount) }));
  }

  get size(): number {
    return this.totals.size;
  }
}

/** A sum in one currency, and whether its parts were entered costs, list prices, or both. */
export interface SourcedAmount {
  currency: string;
  amount: string;
  source: 'entered' | 'list-price' | 'mixed';
}

/** Sums per currency, remembering per currency which kinds of cost went into the sum. */
export class SourcedTotals {
  private readonly totals = new CurrencyTotals();
  private readonly sources = new Map<string, Set<'entered' | 'list-price'>>();

  add(currency: string, amount: Micros, source: 'entered' | 'list-price'): void {
    this.totals.add(currency, amount);
    const key = currency.toUpperCase();
    this.sources.set(key, (this.sources.get(key) ?? new Set()).add(source));
  }

  list(): SourcedAmount[] {
    return this.totals.list().map((t) => {
      const kinds = [...(this.sources.get(t.currency) ?? [])];
      return { ...t, source: kinds.length === 1 ? kinds[0]! : 'mixed' };
    });
  }
}

/** Sums decimal amounts per currency (never across currencies), sorted by currency code; unparseable amounts are skipped. */
export function sumByCurrency(
  items: Iterable<{ currency: string; amount: string }>,
): { currency: string; amount: string }[] {
  const totals = new CurrencyTotals();
  addAll(totals, items, 1n);
  return totals.list();
}

/** `after - before` per currency present in either (a week-on-week change), sorted by currency code. */
export function differenceByCurrency(
  after: Iterable<{ currency: string; amount: string }>,
  before: Iterable<{ currency: string; amount: string }>,
): { currency: string; amount: string }[] {
  const totals = new CurrencyTotals();
  addAll(totals, after, 1n);
  addAll(totals, before, -1n);
  return totals.list();
}

function addAll(totals: CurrencyTotals, items: Iterable<{ currency: string; amount: string }>, sign: 1n | -1n): void {
  for (const { currency, amount } of items) {
    const value = parseAmount(amount);
    if (value !== null) totals.add(currency, sign * value);
  }
}

/** The largest of the amounts as a number, for ordering rows only (never for sums). */
export function sortValue(amounts: readonly { amount: string }[]): number {
  return amounts.reduce((max, a) => Math.max(max, Number(a.amount) || 0), 0);
}
