import { GlobalSettings } from 'adaptivecards-templating';
import { renderCard, type CardData, type CardJson, type CardName } from '../../src/bot/cards/render';

/**
 * Renders a card and lists what its data lacked. For a missing field adaptivecards-templating puts
 * `${path}` into the card (for a missing `$data` list too: the element once, its fields unbound), or
 * hands a function that text (`${length(x)}` counts the characters of `${x}`): its substitution hook
 * sees both. A missing field in a `$when`, or in `if(…)`, passes neither: template-reads.ts finds those.
 */
export function renderUnbound<N extends CardName>(name: N, data: CardData[N]): { card: CardJson; unbound: string[] } {
  const unbound: string[] = [];
  const before = GlobalSettings.getUndefinedFieldValueSubstitutionString;
  GlobalSettings.getUndefinedFieldValueSubstitutionString = (path) => {
    unbound.push(path);
    return undefined; // the engine's own `${path}`: the card is what renderCard gives
  };
  let card: CardJson;
  try {
    card = renderCard(name, data);
  } finally {
    GlobalSettings.getUndefinedFieldValueSubstitutionString = before;
  }
  for (const [text] of JSON.stringify(card).matchAll(/\$\{[^}]*\}?/g)) unbound.push(`left in the card: ${text}`);
  return { card, unbound };
}
