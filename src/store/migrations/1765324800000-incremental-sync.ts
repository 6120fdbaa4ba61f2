import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * What the incremental sync keeps: a cursor may hold a whole Graph deltaLink (longer than the 256
 * characters a cursor had), and a run records whether it read everything or the changes only (the
 * scheduler runs a full sync weekly).
 */
export class IncrementalSync1765324800000 implements MigrationInterface {
  name = 'IncrementalSync1765324800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.changeColumn('sync_cursors', 'value', new TableColumn({ name: 'value', type: 'text' }));
    await queryRunner.addColumn(
      'task_runs',
      new TableColumn({ name: 'mode', type: 'varchar', length: '16', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('task_runs', 'mode');
    await queryRunner.changeColumn(
      'sync_cursors',
      'value',
      new TableColumn({ name: 'value', type: 'varchar', length: '256' }),
    );
  }
}
