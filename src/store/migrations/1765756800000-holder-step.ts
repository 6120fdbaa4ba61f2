import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { OPEN_REQUEST_INDEX } from './1764374400000-one-open-request';

/**
 * The license holder's step before the approver (src/reclamation/holder.ts): what the holder
 * answered and when, their deadline and reminder on the request; the requests still `asking` or
 * `released` (on their way to execution) are open, so the one-open-request index covers them too;
 * and the asks themselves (ask_batches, holder_asks), delivered at a pace Teams accepts.
 */
const OPEN_WITH_HOLDER = new TableIndex({
  name: 'UQ_requests_open_user_sku',
  columnNames: ['userId', 'skuId'],
  isUnique: true,
  where: `"state" IN ('asking', 'released', 'requested', 'approved', 'executing', 'failed')`,
});

const HOLDER_COLUMNS = [
  new TableColumn({ name: 'holderAnswer', type: 'varchar', length: '16', isNullable: true }),
  new TableColumn({ name: 'holderNote', type: 'text', isNullable: true }),
  new TableColumn({ name: 'askedAt', type: 'varchar', length: '32', isNullable: true }),
  new TableColumn({ name: 'askUntil', type: 'varchar', length: '32', isNullable: true }),
  new TableColumn({ name: 'remindedAt', type: 'varchar', length: '32', isNullable: true }),
  new TableColumn({ name: 'holderAnsweredAt', type: 'varchar', length: '32', isNullable: true }),
];

export class HolderStep1765756800000 implements MigrationInterface {
  name = 'HolderStep1765756800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('reclamation_requests', HOLDER_COLUMNS);
    await queryRunner.dropIndex('reclamation_requests', OPEN_REQUEST_INDEX.name!);
    await queryRunner.createIndex('reclamation_requests', OPEN_WITH_HOLDER);
    await queryRunner.createTable(
      new Table({
        name: 'ask_batches',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'list', type: 'varchar', length: '16', isNullable: true },
          { name: 'requestedBy', type: 'varchar', length: '36' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'conversationId', type: 'varchar', length: '256', isNullable: true },
          { name: 'activityId', type: 'varchar', length: '128', isNullable: true },
          { name: 'createdAt', type: 'varchar', length: '32' },
          { name: 'confirmedAt', type: 'varchar', length: '32', isNullable: true },
          { name: 'expiresAt', type: 'varchar', length: '32' },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'holder_asks',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'batchId', type: 'varchar', length: '36' },
          { name: 'userId', type: 'varchar', length: '36' },
          { name: 'userPrincipalName', type: 'varchar', length: '320' },
          { name: 'displayName', type: 'varchar', length: '256', isNullable: true },
          { name: 'skuId', type: 'varchar', length: '36' },
          { name: 'skuName', type: 'varchar', length: '128' },
          { name: 'monthlyCost', type: 'varchar', length: '32', isNullable: true },
          { name: 'currency', type: 'varchar', length: '3', isNullable: true },
          { name: 'requestId', type: 'varchar', length: '36', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'nextAttemptAt', type: 'varchar', length: '32', isNullable: true },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'sentAt', type: 'varchar', length: '32', isNullable: true },
          { name: 'createdAt', type: 'varchar', length: '32' },
        ],
        indices: [
          new TableIndex({ name: 'UQ_holder_asks_item', columnNames: ['batchId', 'userId', 'skuId'], isUnique: true }),
          new TableIndex({ name: 'IDX_holder_asks_status_next', columnNames: ['status', 'nextAttemptAt'] }),
          new TableIndex({ name: 'IDX_holder_asks_request', columnNames: ['requestId'] }),
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('holder_asks', true);
    await queryRunner.dropTable('ask_batches', true);
    // Requests in the holder's states have no meaning to the older version: they go to the approver.
    await queryRunner.query(
      `UPDATE "reclamation_requests" SET "state" = 'requested', "version" = "version" + 1 WHERE "state" IN ('asking', 'released')`,
    );
    await queryRunner.dropIndex('reclamation_requests', OPEN_WITH_HOLDER.name!);
    await queryRunner.createIndex('reclamation_requests', OPEN_REQUEST_INDEX);
    for (const column of HOLDER_COLUMNS) await queryRunner.dropColumn('reclamation_requests', column.name);
  }
}
