import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A group the product needs by name: license-assigning groups, exclusion groups, admin and approver groups. */
@Entity({ name: 'groups' })
export class DirectoryGroup {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 256 })
  displayName!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}

/** Membership of a user in a group the product tracks (exclusions, admins, approvers). */
@Entity({ name: 'group_members' })
@Index('IDX_group_members_user', ['userId'])
export class GroupMember {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  groupId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId!: string;
}
