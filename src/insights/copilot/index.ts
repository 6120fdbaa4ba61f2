/** Microsoft 365 Copilot seats: the idle-seat rule, the holders explained, the card's and the summary's numbers. */
export type * from './types';
export { COPILOT_SEAT_STATES } from './types';
export { seatRuleParams, seatState, idleSince, usedSinceAssignment, type SeatFacts, type SeatRuleParams } from './rule';
export { copilotHolders, copilotOverview, copilotSeat, copilotSeatPage } from './overview';
export { copilotSkus } from './seats';
