import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';

/** Names of the JSON templates under `templates/`. */
export type CardName = 'help';

const cache = new Map<CardName, ACData.Template>();

function template(name: CardName): ACData.Template {
  let t = cache.get(name);
  if (!t) {
    const json: unknown = JSON.parse(readFileSync(join(__dirname, 'templates', `${name}.json`), 'utf8'));
    t = new ACData.Template(json);
    cache.set(name, t);
  }
  return t;
}

/** Expands a card template with its data; the result is the Adaptive Card JSON. */
export function renderCard(name: CardName, data: object): Record<string, unknown> {
  return template(name).expand({ $root: data }) as Record<string, unknown>;
}

export function cardAttachment(name: CardName, data: object): Attachment {
  return CardFactory.adaptiveCard(renderCard(name, data));
}
