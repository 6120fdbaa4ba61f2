import type { EntityManager } from 'typeorm';
import { bind, execute } from './execute';
import { jsonBatches, jsonList } from './json-rows';

/**
 * Deletes the rows of one report of these users from `table` (a table keyed by report and user), a
 * JSON list of ids per statement. `reportColumn` is the SQL the report is compared as: an expression
 * keeps SQLite from choosing an index that leads with the report. Returns the rows deleted.
 */
export async function deleteReportUsers(
  manager: EntityManager,
  table: string,
  reportColumn: string,
  report: string,
  userIds: readonly string[],
): Promise<number> {
  let deleted = 0;
  for (const json of jsonBatches(userIds)) {
    const params: unknown[] = [];
    const name = bind(manager, params, [report]);
    deleted += await execute(
      manager,
      `DELETE FROM "${table}" WHERE ${reportColumn} = ${name} AND "userId" IN (${jsonList(manager, params, json)})`,
      params,
    );
  }
  return deleted;
}
