import { PERMISSION_PARTS } from './permissions';

export interface ConnectCardInput {
  /** Microsoft's admin-consent URL, with the state made for the admin who asked. */
  url: string;
  expiresAt: Date;
  /** How the app signs in to Entra ID (CREDENTIAL_LABELS). */
  credential: string;
  banner: string;
}

export interface ConnectCard {
  banner: string;
  /** Each permission that will be requested, with what it is used for. */
  permissions: { title: string; value: string }[];
  credential: string;
  expiry: string;
  url: string;
}

/** Data for `templates/connect.json`: what will be requested and why, and the one button that asks Microsoft. */
export function connectCardData(input: ConnectCardInput): ConnectCard {
  return {
    banner: input.banner,
    permissions: PERMISSION_PARTS.map((part) => ({ title: part.accepted[0]!, value: part.usedFor })),
    credential: `License Steward signs in with a ${input.credential}: no password of yours is kept.`,
    expiry: `The button works once, for you, until ${input.expiresAt.toISOString().slice(11, 16)} UTC (15 minutes). Microsoft's answer comes back to this chat, and a sync starts after a grant.`,
    url: input.url,
  };
}
