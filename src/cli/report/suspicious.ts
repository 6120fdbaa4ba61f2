import type { DataSource } from 'typeorm';
import { suspiciousActivities } from '../../insights/suspicious';
import type { CliIo } from '../core/io';
import { PAGE, pagedList } from '../core/paged';

/** Suspicious activities: report rows with concealed user names, and how to stop concealment. */
export async function suspiciousReport(store: DataSource, format: 'table' | 'csv' | 'json', io: CliIo): Promise<void> {
  const first = await suspiciousActivities(store, { page: 1, pageSize: 1 });
  await pagedList(
    async (page) => {
      const p = await suspiciousActivities(store, { page, pageSize: PAGE });
      return { total: p.total, groups: p.byReport, items: p.items };
    },
    format,
    io,
    ['Report', 'Concealed name', 'Report date', 'Last activity', 'First seen', 'Last seen'],
    (s) => [s.reportLabel, s.concealedName, s.reportRefreshDate, s.lastActivityDate, s.firstSeenAt, s.lastSeenAt],
    format === 'json' ? { fix: first.fix } : {},
  );
  if (format === 'table')
    io.out(
      first.total
        ? `${first.total} report rows could not be matched to a user. ${first.fix}\n`
        : 'No suspicious activities: every report row was matched to a user.\n',
    );
}
