import type { CardAction } from './action';
import { downgradesPageAction } from './downgrades-page';
import { findingsPageAction } from './findings-page';
import { summaryOpenAction } from './summary-open';

/** Every Action.Execute handler; each verb comes from VERBS. */
export const ACTIONS: readonly CardAction[] = [summaryOpenAction, findingsPageAction, downgradesPageAction];
