import { accessTask } from './access';
import { licensesTask } from './licenses';
import { rosterTask } from './roster';
import type { IntegrationTask, TaskName } from './task';

/** Every integration task by name; run them in TASK_NAMES order. */
export const INTEGRATION_TASKS: Readonly<Record<TaskName, IntegrationTask>> = {
  licenses: licensesTask,
  roster: rosterTask,
  access: accessTask,
};
