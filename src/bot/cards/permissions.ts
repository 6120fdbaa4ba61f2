import { GRAPH_PERMISSIONS } from '../../graph';
import { statusColor } from './format';

/** Each part of the product, the application permissions that serve it (any one will do), and what is lost without them. */
export interface PermissionPart {
  /** Any of these grants the part; the first is the one to ask for (least privilege first where Graph allows). */
  accepted: readonly string[];
  usedFor: string;
  disables: string;
}

/**
 * Every part, least privilege first: aad.manifest.json requests the first permission of each (a test
 * keeps the manifest, this list and the README's table in step).
 */
export const PERMISSION_PARTS: readonly PermissionPart[] = [
  {
    accepted: GRAPH_PERMISSIONS.directory,
    usedFor: 'Users, their licenses and managers (Application Roster; the approver of a reclamation).',
    disables: 'everything: no task can read the users, so no finding is possible.',
  },
  {
    accepted: GRAPH_PERMISSIONS.skus,
    usedFor: 'Subscribed SKUs: names, purchased and consumed seats (License Information).',
    disables: 'seats, spend and downgrades: the licenses task fails.',
  },
  {
    accepted: GRAPH_PERMISSIONS.reports,
    usedFor: 'Usage reports: last activity per app, mail and OneDrive usage, activations, platforms.',
    disables: 'per-app activity; "inactive" then rests on sign-ins alone.',
  },
  {
    accepted: GRAPH_PERMISSIONS.signIns,
    usedFor: 'Sign in to M365 Domain, and Dynamics 365 / Power BI / Project activity from the sign-in log.',
    disables: 'the sign-in column and those four apps: the tasks skip them and end partial.',
  },
  {
    accepted: GRAPH_PERMISSIONS.mfa,
    usedFor: 'Is MFA Turned On (userRegistrationDetails).',
    disables:
      'the MFA part of the MFA/SSO rule (exclusion mfa) cannot be checked; the SSO part (on-premises sync) still is.',
  },
  {
    accepted: GRAPH_PERMISSIONS.groups,
    usedFor: 'Names of license-assigning groups, and membership of the admin and exclusion groups.',
    disables: 'group names on cards and group-based admins and exclusions.',
  },
  {
    accepted: GRAPH_PERMISSIONS.licenseAssignment,
    usedFor: 'Removing an approved license with assignLicense (reclamation) and undoing it.',
    disables: 'reclamation: approved requests cannot be carried out.',
  },
  {
    accepted: GRAPH_PERMISSIONS.installApp,
    usedFor: 'Installing License Steward for a license holder, so it can ask them first before a reclamation.',
    disables: 'asking the holder first: only the approver is asked.',
  },
];

export interface PermissionsCardInput {
  /** Granted application permissions from the token; null when no token could be had. */
  roles: ReadonlySet<string> | null;
  tokenError?: string;
  banner: string;
  /** How the app signs in to Entra ID (CREDENTIAL_LABELS), shown so admins know what to rotate, if anything. */
  credential: string;
  /** Microsoft's admin-consent URL for the viewer, when they are an admin and something is missing. */
  consentUrl?: string;
}

/** The data of `templates/permissions.json`. */
export interface PermissionsCard {
  subtitle: string;
  banner: string;
  tokenError: string;
  /** `via` names the permission a broader granted one covers; `disables` is empty when granted. */
  parts: { state: string; color: string; permission: string; via: string; usedFor: string; disables: string }[];
  /** How the app signs in to Entra ID. */
  credential: string;
  /** The Grant permissions button's URL; empty shows no button. */
  consentUrl: string;
  footer: string;
}

/** Data for `templates/permissions.json`: granted vs needed per part, and what each missing one disables. */
export function permissionsCardData(input: PermissionsCardInput): PermissionsCard {
  const parts = PERMISSION_PARTS.map((part) => {
    const grantedAs = input.roles ? part.accepted.find((p) => input.roles!.has(p)) : undefined;
    const state = input.roles === null ? 'unknown' : grantedAs ? 'granted' : 'missing';
    return {
      state: state === 'granted' ? 'Granted' : state === 'missing' ? 'Missing' : 'Unknown',
      color: statusColor(state),
      permission: grantedAs ?? part.accepted[0]!,
      via: grantedAs && grantedAs !== part.accepted[0] ? ` (covers ${part.accepted[0]})` : '',
      usedFor: part.usedFor,
      disables: state === 'granted' ? '' : part.disables,
    };
  });
  const missing = parts.filter((p) => p.state === 'Missing').length;
  return {
    subtitle:
      input.roles === null
        ? 'Could not read the granted permissions.'
        : missing
          ? `${missing} of ${parts.length} missing, read from the app's current access token.`
          : "Everything License Steward needs is granted (read from the app's current access token).",
    banner: input.banner,
    tokenError: input.tokenError ?? '',
    credential: `Signs in to Microsoft Entra ID with a ${input.credential}.`,
    parts,
    consentUrl: input.consentUrl ?? '',
    footer:
      "An admin grants what is missing with Grant permissions (or `connect`): Microsoft's admin consent, in one step. By hand: Microsoft Entra admin center > App registrations > License Steward > API permissions > Grant admin consent. The next token carries them.",
  };
}
