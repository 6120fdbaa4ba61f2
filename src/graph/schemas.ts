import { z } from 'zod';

/**
 * Shapes of the Graph JSON the tasks read (graph-contract §2, §3, §5, §6), validated at the border.
 * Unknown properties are ignored; what we rely on is checked.
 */
const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const instant = z.string().nullable().optional();

export const subscribedSkuSchema = z.object({
  skuId: guid,
  skuPartNumber: z.string(),
  appliesTo: z.string().default('User'),
  capabilityStatus: z.string().default('Enabled'),
  consumedUnits: z.number().int().default(0),
  prepaidUnits: z
    .object({
      enabled: z.number().int().default(0),
      suspended: z.number().int().default(0),
      warning: z.number().int().default(0),
      lockedOut: z.number().int().default(0),
    })
    .partial()
    .default({}),
  servicePlans: z
    .array(
      z.object({
        servicePlanId: guid,
        servicePlanName: z.string(),
        provisioningStatus: z.string().default('Success'),
        appliesTo: z.string().default('User'),
      }),
    )
    .default([]),
});
export type SubscribedSku = z.infer<typeof subscribedSkuSchema>;

export const licenseAssignmentStateSchema = z.object({
  skuId: guid,
  assignedByGroup: guid.nullable().optional(),
  disabledPlans: z.array(z.string()).default([]),
  state: z.string().nullable().optional(),
  error: z.string().nullable().optional(),
  lastUpdatedDateTime: instant,
});

export const signInActivitySchema = z.object({
  lastSignInDateTime: instant,
  lastNonInteractiveSignInDateTime: instant,
  lastSuccessfulSignInDateTime: instant,
});

export const directoryUserSchema = z.object({
  id: guid,
  userPrincipalName: z.string(),
  mail: z.string().nullable().optional(),
  displayName: z.string().nullable().optional(),
  givenName: z.string().nullable().optional(),
  surname: z.string().nullable().optional(),
  jobTitle: z.string().nullable().optional(),
  country: z.string().nullable().optional(),
  usageLocation: z.string().nullable().optional(),
  userType: z.string().nullable().optional(),
  accountEnabled: z.boolean().nullable().optional(),
  createdDateTime: instant,
  onPremisesSyncEnabled: z.boolean().nullable().optional(),
  assignedLicenses: z.array(z.object({ skuId: guid, disabledPlans: z.array(z.string()).default([]) })).default([]),
  licenseAssignmentStates: z.array(licenseAssignmentStateSchema).nullable().optional(),
  signInActivity: signInActivitySchema.nullable().optional(),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

export const registrationDetailsSchema = z.object({
  id: guid,
  isMfaRegistered: z.boolean().nullable().optional(),
  isMfaCapable: z.boolean().nullable().optional(),
  methodsRegistered: z.array(z.string()).default([]),
});

export const signInSchema = z.object({
  id: z.string(),
  createdDateTime: z.string(),
  userId: z.string(),
  userPrincipalName: z.string().nullable().optional(),
  appId: z.string(),
  appDisplayName: z.string().nullable().optional(),
  status: z.object({ errorCode: z.number() }).partial().nullable().optional(),
});
export type SignIn = z.infer<typeof signInSchema>;

/** Graph's "never signed in" sentinel (graph-contract §2). */
export const NEVER = '0001-01-01T00:00:00Z';

/** An instant, or null when absent or the "never" sentinel. */
export function realInstant(value: string | null | undefined): string | null {
  if (!value || value.startsWith('0001-01-01')) return null;
  return value;
}
