import { sumByCurrency, type CurrencyAmount } from '../insights';

/** `after - before` per currency present in either. */
export function difference(after: readonly CurrencyAmount[], before: readonly CurrencyAmount[]): CurrencyAmount[] {
  return sumByCurrency([...after, ...before.map((b) => ({ currency: b.currency, amount: b.amount.startsWith('-') ? b.amount.slice(1) : `-${b.amount}` }))]);
}
