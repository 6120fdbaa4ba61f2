import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';

/** The JSON templates under `templates/`, one per card; each has a data builder beside it. */
export const CARD_NAMES = [
  'help', 'error', 'notice', 'summary', 'findings', 'user', 'licenses', 'downgrades', 'spend', 'runs', 'sync',
  'permissions', 'policy', 'history', 'digest', 'reclaim-preview', 'approval', 'approvals', 'connect',
] as const;
export type CardName = (typeof CARD_NAMES)[number];

/** An expanded Adaptive Card (what Teams receives). */
export type CardJson = Record<string, unknown> & { type: 'AdaptiveCard' };

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
export function renderCard(name: CardName, data: object): CardJson {
  return template(name).expand({ $root: data }) as CardJson;
}

export function cardAttachment(name: CardName, data: object): Attachment {
  return CardFactory.adaptiveCard(renderCard(name, data));
}
