import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Drops `bot_state`, the teams-ai Application's turn-state storage: no handler keeps conversation or
 * user state (src/bot/app.ts), so teams-ai never wrote a row and only read the table once per turn.
 * What the bot must remember (conversation references, requests, digests) has tables of its own.
 */
export class DropBotState1766016000000 implements MigrationInterface {
  name = 'DropBotState1766016000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('bot_state', true);
  }

  /** The table as 1764115200000-initial-schema.ts made it, empty. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'bot_state',
        columns: [
          { name: 'key', type: 'varchar', length: '512', isPrimary: true },
          { name: 'value', type: 'text' },
          { name: 'eTag', type: 'varchar', length: '36' },
          { name: 'updatedAt', type: 'varchar', length: '32' },
        ],
      }),
      true,
    );
  }
}
