/** Text formats shared by the card data builders: one way to show money, dates and ages everywhere. */

const DAY_MS = 86_400_000;

export interface Money {
  currency: string;
  amount: string;
}

/** `1,234.50 USD`; amounts in different currencies are listed, never added. `—` for none. */
export function money(amounts: readonly Money[] | Money | null | undefined, none = '—'): string {
  const list = amounts == null ? [] : Array.isArray(amounts) ? amounts : [amounts as Money];
  if (!list.length) return none;
  return list.map((m) => `${groupDigits(m.amount)} ${m.currency}`).join(' + ');
}

const SOURCE_WORDS = { entered: 'entered', 'list-price': 'list price', mixed: 'entered and list price' } as const;

/** Sums that say where their costs come from: `7,236.00 USD (list price) + 95.00 EUR (entered)`. */
export function sourcedMoney(amounts: readonly (Money & { source: keyof typeof SOURCE_WORDS })[], none = '—'): string {
  if (!amounts.length) return none;
  return amounts.map((m) => `${groupDigits(m.amount)} ${m.currency} (${SOURCE_WORDS[m.source]})`).join(' + ');
}

/** `12345.60` → `12,345.60` (the amount is a decimal string: never parsed into a float). */
export function groupDigits(amount: string): string {
  const [whole = '0', fraction] = amount.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** `1,234` */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** `2025-11-20` from an ISO instant or day; `—` for none. */
export function day(value: string | null | undefined, none = '—'): string {
  return value ? value.slice(0, 10) : none;
}

/** `2025-11-20 14:05 UTC` */
export function instant(value: string | null | undefined, none = '—'): string {
  if (!value) return none;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

/** `today`, `yesterday`, `12 days ago`, `in 3 days`. */
export function ago(value: string | null | undefined, now: Date, none = 'never'): string {
  if (!value) return none;
  const ms = new Date(value.length === 10 ? `${value}T00:00:00Z` : value).getTime();
  if (Number.isNaN(ms)) return value;
  const days = Math.floor((now.getTime() - ms) / DAY_MS);
  if (days < 0) return days === -1 ? 'tomorrow' : `in ${-days} days`;
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/** Minutes and seconds between two instants: `2 min 5 s`. */
export function duration(from: string, to: string | null | undefined): string {
  if (!to) return 'still running';
  const s = Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The Users tab shows Yes / No (docs/product-rules.md R24); unknown (no data or no permission) is `—`. */
export function yesNo(value: boolean | null | undefined): string {
  return value == null ? '—' : value ? 'Yes' : 'No';
}

/** `1 user` / `3 users` */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : many}`;
}

/** Percentage with no decimals; `—` when the whole is zero. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';
}

/** Adaptive Card colors for a run or delivery status. */
export function statusColor(status: string): 'Good' | 'Warning' | 'Attention' | 'Accent' | 'Default' {
  switch (status) {
    case 'succeeded':
    case 'sent':
    case 'granted':
      return 'Good';
    case 'partial':
    case 'running':
      return 'Warning';
    case 'failed':
    case 'missing':
      return 'Attention';
    default:
      return 'Default';
  }
}

/** Card text is Markdown in Teams: keep user-supplied text from becoming links or emphasis. */
export function plain(text: string): string {
  return text.replace(/([\\`*_{}[\]<>()#+!|])/g, '\\$1');
}
