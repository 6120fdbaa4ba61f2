/**
 * The tenant simulator: Microsoft Graph and the Entra token endpoint for a synthetic tenant, served
 * over local HTTPS for demo mode, tests and benchmarks, which then need no tenant and no network.
 */
export { startSimulator, TENANT_DOMAIN, type RunningSimulator } from './start';
export type { SimulatorOptions } from './options';
export { NAMED_PEOPLE, NAMED_PEOPLE_IDS } from './tenant/named-people';
export { GROUPS } from './tenant/catalog-groups';
export { SKUS } from './tenant/catalog-skus';
export { SIGN_IN_APPS } from './tenant/catalog-apps';
export { STEWARD_CATALOG_APP_ID } from './tenant/teams-apps';
export { KNOWN_ROLES, DEFAULT_GRANTS, REQUESTED_PERMISSIONS } from './auth/roles';
export { selfSignedCertificate, type SelfSignedCertificate } from './tls/self-signed';
