import { findingCsvHeader, findingCsvRow } from '../insights';
import type { BotServices } from './services';
import type { ExportRequest } from './export-links';

/** The CSV lines of a finding list (header first), in the list's order: by monthly cost, highest first. */
export async function* findingsCsv(services: Pick<BotServices, 'insights' | 'now'>, request: ExportRequest): AsyncGenerator<string> {
  const policy = await services.insights.policy();
  const effective = request.days ? { ...policy, inactiveDays: request.days } : policy;
  // Header and rows come as CRLF-terminated lines (RFC 4180).
  yield findingCsvHeader();
  for await (const finding of services.insights.exportFindings({ kind: request.list, status: 'flagged', sort: 'cost' }, effective, services.now())) {
    yield findingCsvRow(finding);
  }
}
