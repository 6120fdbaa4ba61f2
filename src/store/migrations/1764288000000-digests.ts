import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The weekly digest's content, built once per schedule slot (docs/product-rules.md R35). */
export class Digests1764288000000 implements MigrationInterface {
  name = 'Digests1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'digests',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'scheduledFor', type: 'varchar', length: '32' },
          { name: 'createdAt', type: 'varchar', length: '32' },
          { name: 'content', type: 'text' },
          { name: 'headline', type: 'text' },
        ],
        indices: [new TableIndex({ name: 'IDX_digests_scheduled', columnNames: ['scheduledFor'] })],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('digests', true);
  }
}
