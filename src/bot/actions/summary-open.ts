import { z } from 'zod';
import { summaryCard } from '../views/summary-view';
import { defineAction } from './action';
import { VERBS } from './verbs';

/** "Summary" / "Open the summary" on list and digest cards: the summary replaces the card. */
export const summaryOpenAction = defineAction({
  verb: VERBS.summary,
  schema: z.object({}).strict(),
  handle: ({ services, turn, caller }) => summaryCard(services, turn, caller.aadObjectId),
});
