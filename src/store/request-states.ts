/** requested → approved | rejected | expired → executing → reclaimed | skipped | failed → undone. */
export const REQUEST_STATES = ['requested', 'approved', 'rejected', 'expired', 'executing', 'reclaimed', 'skipped', 'failed', 'undone'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/**
 * Requests still open: at most one per user and license (the unique index UQ_requests_open_user_sku,
 * created by migration 1764374400000), and what the approvals card lists as pending.
 */
export const OPEN_REQUEST_STATES = ['requested', 'approved', 'executing', 'failed'] as const satisfies readonly RequestState[];
