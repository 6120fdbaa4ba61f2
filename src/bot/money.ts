import type { CurrencyAmount } from '../insights';

const DECIMAL = /^\s*(-?)(\d{1,15})(?:\.(\d{1,6})\d*)?\s*$/;

/** Decimal text to millionths (exact; money never goes through floating point). */
function micros(text: string): bigint | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const value = BigInt(m[2]!) * 1_000_000n + BigInt((m[3] ?? '').padEnd(6, '0'));
  return m[1] ? -value : value;
}

function text(value: bigint): string {
  const cents = (value < 0n ? value - 5_000n : value + 5_000n) / 10_000n;
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Sums per currency (never across currencies), sorted by currency code. Unparseable amounts are skipped. */
export function sumByCurrency(items: Iterable<CurrencyAmount>): CurrencyAmount[] {
  const totals = new Map<string, bigint>();
  for (const { currency, amount } of items) {
    const value = micros(amount);
    if (value === null) continue;
    totals.set(currency.toUpperCase(), (totals.get(currency.toUpperCase()) ?? 0n) + value);
  }
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, value]) => ({ currency, amount: text(value) }));
}

/** `after - before` per currency present in either. */
export function difference(after: readonly CurrencyAmount[], before: readonly CurrencyAmount[]): CurrencyAmount[] {
  return sumByCurrency([...after, ...before.map((b) => ({ currency: b.currency, amount: b.amount.startsWith('-') ? b.amount.slice(1) : `-${b.amount}` }))]);
}

/** The amount as a number, for ordering rows only (never for sums). */
export function sortValue(amounts: readonly CurrencyAmount[]): number {
  return amounts.reduce((max, a) => Math.max(max, Number(a.amount) || 0), 0);
}
