import { approvalsCommand } from './approvals';
import { blockedCommand } from './blocked';
import type { Command } from './command';
import { connectCommand } from './connect';
import { copilotCommand } from './copilot';
import { costsCommand } from './costs';
import { differentiationCommand } from './differentiation';
import { digestCommand } from './digest';
import { downgradesCommand } from './downgrades';
import { historyCommand } from './history';
import { inactiveCommand } from './inactive';
import { licensesCommand } from './licenses';
import { neverCommand } from './never';
import { permissionsCommand } from './permissions';
import { policyCommand } from './policy';
import { reclaimCommand } from './reclaim';
import { runsCommand } from './runs';
import { spendCommand } from './spend';
import { summaryCommand } from './summary';
import { suspiciousCommand } from './suspicious';
import { syncCommand } from './sync';
import { userCommand } from './user';

/** Every command besides `help` (which lists these), in the order help shows them. */
export const COMMANDS: readonly Command[] = [
  summaryCommand,
  inactiveCommand,
  neverCommand,
  blockedCommand,
  userCommand,
  licensesCommand,
  downgradesCommand,
  spendCommand,
  costsCommand,
  differentiationCommand,
  copilotCommand,
  runsCommand,
  suspiciousCommand,
  syncCommand,
  permissionsCommand,
  connectCommand,
  policyCommand,
  reclaimCommand,
  approvalsCommand,
  historyCommand,
  digestCommand,
];
