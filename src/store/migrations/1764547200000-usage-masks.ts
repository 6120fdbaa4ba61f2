import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The usage-mask snapshot behind the downgrade list and the differentiation table (a page is an index read: docs/architecture.md §7). */
export class UsageMasks1764547200000 implements MigrationInterface {
  name = 'UsageMasks1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'usage_masks',
        columns: [
          { name: 'userId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'held', type: 'bigint' },
          { name: 'used', type: 'integer' },
          { name: 'usedShort', type: 'integer' },
          { name: 'office', type: 'integer' },
          { name: 'candidate', type: 'boolean' },
        ],
        indices: [
          new TableIndex({
            name: 'IDX_usage_masks_candidates',
            columnNames: ['candidate', 'held', 'used', 'office', 'userId'],
          }),
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'usage_mask_state',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'generation', type: 'integer' },
          { name: 'builtGeneration', type: 'integer' },
          { name: 'key', type: 'varchar', length: '64' },
          { name: 'asOf', type: 'varchar', length: '32' },
        ],
      }),
      true,
    );
    await queryRunner.query(
      `INSERT INTO "usage_mask_state" ("id", "generation", "builtGeneration", "key", "asOf") VALUES (1, 1, 0, '', '')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('usage_mask_state', true);
    await queryRunner.dropTable('usage_masks', true);
  }
}
