import {
  csvLine,
  DIFFERENTIATION_HEADER,
  differentiationCells,
  findingCsvHeader,
  findingCsvRow,
  isFindingKind,
  userCsvHeader,
  userCsvRow,
} from '../insights';
import type { BotServices } from './services';
import type { ExportRequest } from './export-links';

/** Rows read per page of the differentiation export. */
const PAGE = 1000;

/**
 * The CSV lines of an export (header first, CRLF-terminated, RFC 4180): a finding list in its
 * order (by monthly cost, highest first), the Users tab (every user, deactivated ones with their
 * date), or the license differentiation (one row per user and license, optionally one type).
 */
export async function* findingsCsv(
  services: Pick<BotServices, 'insights' | 'now'>,
  request: ExportRequest,
): AsyncGenerator<string> {
  const policy = await services.insights.policy();
  const now = services.now();
  const list = request.list;
  if (list === 'users') {
    yield userCsvHeader();
    for await (const u of services.insights.exportUsers(policy, now, { apps: false, status: 'all' }))
      yield userCsvRow(u);
    return;
  }
  if (list === 'differentiation') {
    yield csvLine(DIFFERENTIATION_HEADER);
    for (let page = 1; ; page++) {
      const result = await services.insights.differentiationUsers(policy, now, {
        ...(request.sku ? { sku: request.sku } : {}),
        page,
        pageSize: PAGE,
      });
      if ('error' in result) return;
      for (const row of result.items) yield csvLine(differentiationCells(row));
      if (page * PAGE >= result.total) return;
    }
  }
  if (!isFindingKind(list)) return;
  const effective = request.days ? { ...policy, inactiveDays: request.days } : policy;
  yield findingCsvHeader();
  for await (const finding of services.insights.exportFindings(
    { kind: list, status: 'flagged', sort: 'cost' },
    effective,
    now,
  )) {
    yield findingCsvRow(finding);
  }
}
