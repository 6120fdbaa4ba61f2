/**
 * A copy of `text` that shares no memory with the string it was cut from. V8 keeps a slice of 13
 * characters or more as a view of its parent (shorter ones are copies already): a UPN cut from a
 * report's text would keep that whole chunk of the report alive for as long as the UPN is kept.
 */
export const detached = (text: string): string =>
  text.length < SLICED_FROM ? text : (JSON.parse(JSON.stringify(text)) as string);

/** V8's shortest sliced string (SlicedString::kMinLength). */
const SLICED_FROM = 13;
