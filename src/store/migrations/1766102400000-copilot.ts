import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Microsoft 365 Copilot: each user's last Copilot activity per app (the Copilot usage report), and
 * the waitlist for a seat. Two partial unique indexes keep the waitlist honest when admins click at
 * once: one open entry per person, and one assignment in flight in the whole tenant.
 */
export class Copilot1766102400000 implements MigrationInterface {
  name = 'Copilot1766102400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const day = (name: string) => ({ name, type: 'varchar', length: '10', isNullable: true });
    await queryRunner.createTable(
      new Table({
        name: 'copilot_activity',
        columns: [
          { name: 'userId', type: 'varchar', length: '36', isPrimary: true },
          ...['lastActivityDate', 'teams', 'word', 'excel', 'powerPoint', 'outlook', 'oneNote', 'loop', 'chat'].map(
            day,
          ),
          { name: 'reportRefreshDate', type: 'varchar', length: '10' },
          { name: 'updatedAt', type: 'varchar', length: '32' },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'copilot_waitlist',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'userId', type: 'varchar', length: '36' },
          { name: 'userPrincipalName', type: 'varchar', length: '320' },
          { name: 'displayName', type: 'varchar', length: '256', isNullable: true },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'version', type: 'integer', default: 1 },
          { name: 'requestedAt', type: 'varchar', length: '32' },
          { name: 'updatedAt', type: 'varchar', length: '32' },
          { name: 'proposedAt', type: 'varchar', length: '32', isNullable: true },
          { name: 'skuId', type: 'varchar', length: '36', isNullable: true },
          { name: 'assignedBy', type: 'varchar', length: '36', isNullable: true },
          { name: 'assignedAt', type: 'varchar', length: '32', isNullable: true },
          { name: 'graphRequestId', type: 'varchar', length: '64', isNullable: true },
          { name: 'outcome', type: 'text', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_copilot_waitlist_state_requested', columnNames: ['state', 'requestedAt'] }),
          new TableIndex({
            name: 'UQ_copilot_waitlist_open_user',
            columnNames: ['userId'],
            isUnique: true,
            where: `"state" IN ('waiting', 'assigning')`,
          }),
          new TableIndex({
            name: 'UQ_copilot_waitlist_assigning',
            columnNames: ['state'],
            isUnique: true,
            where: `"state" = 'assigning'`,
          }),
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('copilot_waitlist', true);
    await queryRunner.dropTable('copilot_activity', true);
  }
}
