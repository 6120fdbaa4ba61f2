import {
  CallerIdConstants,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, AuthenticationError } from 'botframework-connector';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotConfig } from '../config';
import { screenBearerToken, type Screening } from './auth/bearer-token';

/** Bot Framework's names for the app types the Teams Toolkit writes as BOT_TYPE. */
const APP_TYPES = {
  MultiTenant: 'MultiTenant',
  SingleTenant: 'SingleTenant',
  UserAssignedMsi: 'UserAssignedMSI',
} as const;

/** The errors jsonwebtoken throws for a token that is bad in itself (signature, algorithm, dates). */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

export type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;

/** A request's identity: accepted, refused (401), or undecidable because the signing keys could not be had (503). */
export type Authentication =
  | { ok: true; result: AuthenticateRequestResult }
  | { ok: false; status: 401; reason: string }
  | { ok: false; status: 503; error: unknown };

export interface AdapterOptions {
  /**
   * Where the Bot Framework channel publishes its OpenID metadata (and through it the signing keys).
   * Default: the public cloud's. Tests point it at a local endpoint serving their own key.
   */
  openIdMetadataUrl?: string;
}

/**
 * The Bot Framework adapter. Without a bot id, Bot Framework disables authentication, which is
 * what local clients (Agents Playground, tests) need; with one, every request must carry a valid
 * Bot Framework token. Authentication is its own step here (rather than inside `process`) so that
 * the HTTP route can refuse before reading a body and tell a forged token (401) from signing keys
 * that could not be fetched (503).
 */
export class StewardAdapter extends TeamsAdapter {
  constructor(
    private readonly botId: string | undefined,
    options: AdapterOptions,
    credentials: ConfigurationServiceClientCredentialFactory,
  ) {
    super(options.openIdMetadataUrl ? publicCloudWith(options.openIdMetadataUrl) : {}, credentials);
  }

  /** The checks needing neither the body nor the signing keys; always ok when authentication is off. */
  screen(authorization: string | undefined, now: Date): Screening {
    return this.botId === undefined ? { ok: true } : screenBearerToken(authorization, this.botId, now);
  }

  /** Full Bot Framework validation of the token against the activity. Never throws. */
  async authenticate(activity: Activity, authorization: string): Promise<Authentication> {
    try {
      return { ok: true, result: await this.botFrameworkAuthentication.authenticateRequest(activity, authorization) };
    } catch (error) {
      if (error instanceof AuthenticationError && error.statusCode === 401)
        return { ok: false, status: 401, reason: error.message };
      if (error instanceof Error && TOKEN_ERRORS.has(error.name))
        return { ok: false, status: 401, reason: error.message };
      // What is left comes from fetching the OpenID metadata or its keys (network, HTTP status,
      // malformed document): nothing can be decided, so nothing is accepted.
      return { ok: false, status: 503, error };
    }
  }

  /** Runs the turn of an authenticated activity; the invoke response, if any, is the HTTP answer. */
  runTurn(
    authentication: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authentication, activity, logic);
  }
}

/**
 * Bot Framework takes custom endpoints all or nothing (BotFrameworkAuthenticationFactory): naming
 * the metadata URL alone would leave the issuer, login URL and scope unset. These are the public
 * cloud's values, which the factory uses when none is named.
 */
function publicCloudWith(openIdMetadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

export function createAdapter(bot: BotConfig, options: AdapterOptions = {}): StewardAdapter {
  return new StewardAdapter(
    bot.id,
    options,
    new ConfigurationServiceClientCredentialFactory({
      ...(bot.id ? { MicrosoftAppId: bot.id } : {}),
      ...(bot.password ? { MicrosoftAppPassword: bot.password } : {}),
      ...(bot.tenantId ? { MicrosoftAppTenantId: bot.tenantId } : {}),
      MicrosoftAppType: APP_TYPES[bot.type],
    }),
  );
}
