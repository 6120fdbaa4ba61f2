import { z } from 'zod';
import { differentiationCard } from '../views/differentiation-view';
import { defineAction } from './action';
import { VERBS } from './verbs';

/** Next / Previous on the differentiation card. */
export const differentiationPageAction = defineAction({
  verb: VERBS.differentiationPage,
  schema: z.object({ sku: z.string().min(1).max(64).optional(), page: z.number().int().min(1).max(100_000) }).strict(),
  handle: ({ services, turn, caller, data }) => differentiationCard(services, turn, caller, data),
});
