/** Microsoft 365 Copilot seats: the idle-seat rule, the holders explained, the card's and the summary's numbers. */
export type * from './types';
export { copilotHolders, copilotOverview, copilotSeat, copilotSeatPage } from './overview';
