import type * as AdaptiveCards from 'adaptivecards';

// The package's ESM build uses extensionless imports Node cannot resolve; its UMD bundle is the same
// parser (typed by the ESM build's declarations).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/** Teams' limit for a message with a card (28 KB). */
export const CARD_SIZE_LIMIT = 28 * 1024;

/**
 * Parses a card with Microsoft's official `adaptivecards` package and returns every warning or
 * validation failure it reports, plus an entry when the card is over the Teams size limit.
 */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  const size = Buffer.byteLength(JSON.stringify(card));
  if (size > CARD_SIZE_LIMIT) problems.push(`size: ${size} bytes > ${CARD_SIZE_LIMIT}`);
  if ((card as { version?: unknown }).version !== '1.5') problems.push('version: not 1.5');
  return problems;
}
