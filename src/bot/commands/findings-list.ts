import { CardFactory } from 'botbuilder';
import type { FindingKind } from '../../insights';
import { findingsCard } from '../views/findings-view';
import type { CommandContext } from './command';

/** Posts page 1 of a finding list (shared by `inactive`, `never`, `blocked`). */
export async function sendFindings(ctx: CommandContext, list: FindingKind, days?: number): Promise<void> {
  const card = await findingsCard(ctx.services, ctx.turn, ctx.caller, { list, page: 1, ...(days ? { days } : {}) });
  await ctx.turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
