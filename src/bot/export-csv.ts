import { exportFindings, findingCsvHeader, findingCsvRow, PolicyStore } from '../insights';
import type { BotServices } from './services';
import type { ExportRequest } from './export-links';

/** The CSV lines of a finding list (header first), in the list's order: by monthly cost, highest first. */
export async function* findingsCsv(services: Pick<BotServices, 'dataSource' | 'now'>, request: ExportRequest): AsyncGenerator<string> {
  const store = services.dataSource;
  const policy = await new PolicyStore(store).get();
  const effective = request.days ? { ...policy, inactiveDays: request.days } : policy;
  // Header and rows come as CRLF-terminated lines (RFC 4180).
  yield findingCsvHeader();
  for await (const finding of exportFindings(store, { kind: request.list, status: 'flagged', sort: 'cost' }, effective, services.now())) {
    yield findingCsvRow(finding);
  }
}
