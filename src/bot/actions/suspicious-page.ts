import { z } from 'zod';
import { suspiciousCard } from '../views/suspicious-view';
import { defineAction } from './action';
import { VERBS } from './verbs';

/** Next / Previous on the suspicious activities card. */
export const suspiciousPageAction = defineAction({
  verb: VERBS.suspiciousPage,
  schema: z.object({ page: z.number().int().min(1).max(100_000) }).strict(),
  handle: ({ services, data }) => suspiciousCard(services, data.page),
});
