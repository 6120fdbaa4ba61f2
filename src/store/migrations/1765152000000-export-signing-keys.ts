import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Export links signed with a key every instance shares, with key ids so a key can be rotated. */
export class ExportSigningKeys1765152000000 implements MigrationInterface {
  name = 'ExportSigningKeys1765152000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'export_signing_keys',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'secret', type: 'varchar', length: '64' },
          { name: 'createdAt', type: 'varchar', length: '32' },
          { name: 'retiredAt', type: 'varchar', length: '32', isNullable: true },
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('export_signing_keys', true);
  }
}
