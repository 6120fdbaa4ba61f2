import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Durable botbuilder `Storage` item (conversation and user state of the teams-ai Application). */
@Entity({ name: 'bot_state' })
export class BotStateItem {
  @PrimaryColumn({ type: 'varchar', length: 512 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'varchar', length: 36 })
  eTag!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
