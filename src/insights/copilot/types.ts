import type { CopilotApp } from '../../store';
import type { Confidence, CurrencyAmount, Exclusion, FindingStatus, MonthlyCost } from '../types';

/**
 * Microsoft 365 Copilot seats as the cards, the CLI and the digest read them (rule.ts defines the
 * states). Days are `YYYY-MM-DD`, instants ISO-8601 UTC.
 */
export const COPILOT_SEAT_STATES = ['active', 'idle', 'never', 'grace'] as const;
/** idle: used since assignment, not for N days; never: not used since assignment, past the grace period; grace: too new to judge. */
export type CopilotSeatState = (typeof COPILOT_SEAT_STATES)[number];

export interface CopilotAppUse {
  app: CopilotApp;
  label: string;
  date: string | null;
}

/** One holder of a Copilot license, with what the rule saw. */
export interface CopilotSeat {
  userId: string;
  userPrincipalName: string;
  displayName: string | null;
  accountEnabled: boolean;
  skuId: string;
  skuName: string;
  state: CopilotSeatState;
  /** flagged: an idle seat proposed for reclamation; excluded: idle, but policy (or missing data) holds it back. Null when not idle. */
  status: FindingStatus | null;
  exclusions: Exclusion[];
  /** The assignment's `lastUpdatedDateTime` (user_licenses): when the seat was assigned or last changed. */
  assignedAt: string | null;
  /** Last Copilot activity over every app; may be older than the assignment (a seat given back and again). */
  lastUse: string | null;
  /** Per app, newest first (never at the end). */
  apps: CopilotAppUse[];
  /** Days since the last use since assignment, or since the assignment when none; null when neither is known. */
  daysIdle: number | null;
  /** False when a group assigns the license: it cannot be removed from one user. */
  reclaimable: boolean;
  note: string | null;
  monthlyCost: MonthlyCost | null;
  /** The report's refresh date the activity is as of. */
  asOf: string | null;
  confidence: Confidence;
}

export interface CopilotSeatPage {
  page: number;
  pageSize: number;
  total: number;
  status: FindingStatus | 'all';
  items: CopilotSeat[];
}

/** The `copilot` card's and the summary's numbers. */
export interface CopilotOverview {
  at: string;
  /** Newest refresh date of the Copilot report read; null when never read. */
  asOf: string | null;
  /** Managed Copilot SKUs the tenant subscribes to: none means the tenant has no Copilot. */
  skus: { skuId: string; name: string; purchased: number; assigned: number; monthlyCost: MonthlyCost | null }[];
  purchased: number;
  assigned: number;
  /** Seats bought and not assigned (never below zero). */
  free: number;
  /** Live users holding a seat, and those of them active in the 7 and 30 days up to the report date. */
  holders: number;
  active7: number;
  active30: number;
  /** Holders active in each app in the 30 days up to the report date. */
  apps: { app: CopilotApp; label: string; active30: number }[];
  idle: { flagged: number; excluded: number };
  /** Monthly cost of the flagged idle seats, per currency. */
  monthlyAtStake: CurrencyAmount[];
  listPrice: boolean;
  waiting: number;
  confidence: Confidence;
}
