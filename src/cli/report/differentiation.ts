import type { DataSource } from 'typeorm';
import {
  DIFFERENTIATION_HEADER,
  differentiationCells,
  differentiationUsers,
} from '../../insights/differentiation-users';
import type { Policy } from '../../insights/policy';
import type { CliIo } from '../core/io';
import { PAGE, pagedList } from '../core/paged';
import { UsageError } from '../core/parse';

/** License differentiation: one row per user and managed license, the last activity date of each application and the days since. */
export async function differentiationReport(
  store: DataSource,
  policy: Policy,
  now: Date,
  format: 'table' | 'csv' | 'json',
  sku: string | undefined,
  io: CliIo,
): Promise<void> {
  const read = async (page: number) => {
    const result = await differentiationUsers(store, policy, now, { ...(sku ? { sku } : {}), page, pageSize: PAGE });
    if ('error' in result) throw new UsageError(`--sku: ${result.error}`);
    return { total: result.total, groups: result.skus, items: result.items };
  };
  // A table this wide is read per application: dates only, the days since in the CSV and JSON.
  const header =
    format === 'table' ? DIFFERENTIATION_HEADER.filter((h) => !h.endsWith(' Days Since')) : [...DIFFERENTIATION_HEADER];
  await pagedList(read, format, io, header, (r) => {
    const cells = differentiationCells(r);
    return format === 'table' ? cells.filter((_, i) => !DIFFERENTIATION_HEADER[i]!.endsWith(' Days Since')) : cells;
  });
}
