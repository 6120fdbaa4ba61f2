import { z } from 'zod';
import { findingsCard } from '../views/findings-view';
import { defineAction } from './action';
import { VERBS } from './verbs';

/** The data a list card's Previous / Next buttons (and the summary's list buttons) carry. */
export const findingsPageSchema = z
  .object({
    list: z.enum(['inactive', 'never', 'blocked']),
    page: z.number().int().min(1).max(100_000),
    days: z.number().int().min(1).max(3650).optional(),
    excluded: z.literal(true).optional(),
  })
  .strict();

/** Next / Previous on a finding list: the same card, another page (Action.Execute updates it in place). */
export const findingsPageAction = defineAction({
  verb: VERBS.findingsPage,
  schema: findingsPageSchema,
  handle: ({ services, turn, caller, data }) => findingsCard(services, turn, caller, data),
});
