import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotConfig } from '../config';

/** Bot Framework's names for the app types the Teams Toolkit writes as BOT_TYPE. */
const APP_TYPES = { MultiTenant: 'MultiTenant', SingleTenant: 'SingleTenant', UserAssignedMsi: 'UserAssignedMSI' } as const;

/**
 * The Bot Framework adapter. Without a bot id, Bot Framework disables authentication, which is
 * what local clients (Agents Playground, tests) need; with one, every request must carry a valid
 * Bot Framework token or is answered 401.
 */
export function createAdapter(bot: BotConfig): TeamsAdapter {
  return new TeamsAdapter(
    {},
    new ConfigurationServiceClientCredentialFactory({
      ...(bot.id ? { MicrosoftAppId: bot.id } : {}),
      ...(bot.password ? { MicrosoftAppPassword: bot.password } : {}),
      ...(bot.tenantId ? { MicrosoftAppTenantId: bot.tenantId } : {}),
      MicrosoftAppType: APP_TYPES[bot.type],
    }),
  );
}
