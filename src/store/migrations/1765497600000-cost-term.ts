import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** `license_costs.termMonths`: the months a multi-year or one-time payment covers (src/insights/spend.ts). */
export class CostTerm1765497600000 implements MigrationInterface {
  name = 'CostTerm1765497600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'license_costs',
      new TableColumn({ name: 'termMonths', type: 'integer', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('license_costs', 'termMonths');
  }
}
