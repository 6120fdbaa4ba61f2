import type { ConsentAnswered } from '../consent/flow';
import { noticeCard } from './cards/notice';
import type { BotServices } from './services';
import { startSyncJob } from './sync/sync-job';

const TITLES = {
  granted: 'Permissions granted',
  declined: 'Permissions not granted',
  failed: 'Admin consent did not complete',
} as const;

/**
 * Tells the admin who asked for consent what Microsoft answered, in the chat they asked from, and
 * after a grant reads the tenant again at once (a sync card follows), so the new permissions show.
 */
export async function announceConsent(services: BotServices, answer: ConsentAnswered): Promise<void> {
  const log = services.log.child({ component: 'consent' });
  await services.proactive.send(
    answer.reference,
    noticeCard({
      title: TITLES[answer.outcome],
      text: answer.message,
      style: answer.outcome === 'granted' ? 'good' : 'warning',
      note:
        answer.outcome === 'granted'
          ? 'Send `permissions` to see what is granted now.'
          : 'Send `connect` to try again, or `permissions` to see what is missing.',
    }),
    TITLES[answer.outcome],
  );
  if (answer.outcome === 'granted' && services.sync) {
    await startSyncJob(services, services.sync, services.sync.tasks, answer.reference, 'admin consent', log);
  }
}
