export { createDataSource, openStore, isReachable } from './data-source';
export { DatabaseBotStorage } from './bot-storage';
export * from './entities';
export { MIGRATIONS } from './migrations';
export { TaskRuns, INSTANCE, type TaskStatus } from './task-runs';
export { TaskLocks } from './task-lock';
export { bulkUpdateById } from './bulk-update';
export { bulkUpsert } from './bulk-upsert';
export { ReclamationRequests, type RequestState, type NewRequest, type Transition } from './reclamation-requests';
