import { z } from 'zod';
import { downgradesCard } from '../views/downgrades-view';
import { defineAction } from './action';
import { VERBS } from './verbs';

/** Next / Previous on the downgrades card (and the summary's Downgrades button). */
export const downgradesPageAction = defineAction({
  verb: VERBS.downgradesPage,
  schema: z.object({ page: z.number().int().min(1).max(100_000) }).strict(),
  handle: ({ services, data, caller }) => downgradesCard(services, data.page, caller),
});
