export { GraphClient, type GraphClientOptions, type Page, type RequestOptions } from './client';
export { CREDENTIAL_LABELS, GraphAuth, rolesOf, type CredentialKind } from './auth';
export { GraphError, graphErrorFrom } from './errors';
export { reportRows, reportDate, isConcealedName, type ReportRow } from './reports';
export { GraphStats } from './stats';
export { DEFAULT_RETRY, retryDelayMs, type RetryOptions } from './retry';
export * from './schemas';
export { batchGet, type BatchResult } from './batch';
