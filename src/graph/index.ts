export { GraphClient } from './client';
export { CREDENTIAL_LABELS, rolesOf } from './auth';
export { GraphError } from './errors';
export { reportDate, isConcealedName, type ReportRow } from './reports';
export type { RetryOptions } from './retry';
export { realInstant } from './schemas';
export { batchGet } from './batch';
export { GRAPH_PERMISSIONS } from './permissions';
export * from './endpoints';
