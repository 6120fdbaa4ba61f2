/** waiting → assigning → assigned → undone; assigning → waiting (not made); waiting → cancelled. */
export const WAITLIST_STATES = ['waiting', 'assigning', 'assigned', 'undone', 'cancelled'] as const;
export type WaitlistState = (typeof WAITLIST_STATES)[number];

/** A person has at most one entry in these states (the unique index UQ_copilot_waitlist_open_user). */
export const OPEN_WAITLIST_STATES = ['waiting', 'assigning'] as const satisfies readonly WaitlistState[];
