import { z } from 'zod';
import { licensesCard, spendCard } from '../views/licenses-view';
import { defineAction } from './action';
import { VERBS } from './verbs';

const toggle = z.object({ unmanaged: z.boolean() }).strict();

/** "Show unmanaged" / "Hide unmanaged" on the licenses card. */
export const licensesOpenAction = defineAction({
  verb: VERBS.licensesOpen,
  schema: toggle,
  handle: ({ services, data }) => licensesCard(services, data.unmanaged),
});

/** The same on the spend card. */
export const spendOpenAction = defineAction({
  verb: VERBS.spendOpen,
  schema: toggle,
  handle: ({ services, data }) => spendCard(services, data.unmanaged),
});
