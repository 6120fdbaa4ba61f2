import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * The whole product's schema, written with TypeORM's portable Table API (no SQLite-only SQL), so the
 * same migration runs on PostgreSQL. Frozen: later changes are new migrations.
 */
type Col = TableColumnOptions;
const str = (name: string, length: number, extra: Partial<Col> = {}): Col => ({
  name,
  type: 'varchar',
  length: String(length),
  ...extra,
});
const nstr = (name: string, length: number): Col => str(name, length, { isNullable: true });
const instant = (name: string): Col => str(name, 32);
const ninstant = (name: string): Col => nstr(name, 32);
const bool = (name: string, extra: Partial<Col> = {}): Col => ({ name, type: 'boolean', ...extra });
const int = (name: string, extra: Partial<Col> = {}): Col => ({ name, type: 'integer', ...extra });
const json = (name: string, extra: Partial<Col> = {}): Col => ({ name, type: 'text', ...extra });
const text = (name: string, extra: Partial<Col> = {}): Col => ({ name, type: 'text', ...extra });
const pk = (col: Col): Col => ({ ...col, isPrimary: true });
const serial = (name: string): Col => ({
  name,
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
const index = (name: string, columnNames: string[], isUnique = false) =>
  new TableIndex({ name, columnNames, isUnique });

const TABLES: Table[] = [
  new Table({
    name: 'users',
    columns: [
      pk(str('id', 36)),
      str('userPrincipalName', 320),
      nstr('mail', 320),
      nstr('displayName', 256),
      nstr('givenName', 128),
      nstr('surname', 128),
      nstr('jobTitle', 128),
      nstr('country', 128),
      nstr('usageLocation', 2),
      str('userType', 16, { default: "'Member'" }),
      bool('accountEnabled'),
      ninstant('createdDateTime'),
      bool('onPremisesSyncEnabled', { isNullable: true }),
      nstr('managerId', 36),
      bool('mfaRegistered', { isNullable: true }),
      ninstant('lastSignInDateTime'),
      ninstant('lastNonInteractiveSignInDateTime'),
      ninstant('lastSuccessfulSignInDateTime'),
      nstr('lastUsedApp', 64),
      nstr('lastActivityDate', 10),
      nstr('activations', 512),
      { name: 'mailUsageMb', type: 'double precision', isNullable: true },
      { name: 'oneDriveUsageMb', type: 'double precision', isNullable: true },
      nstr('mailboxType', 32),
      bool('usesWindows', { isNullable: true }),
      bool('usesMac', { isNullable: true }),
      bool('usesMobile', { isNullable: true }),
      bool('usesWeb', { isNullable: true }),
      instant('activeDate'),
      ninstant('deactivatedDate'),
      nstr('lastSeenRunId', 36),
      instant('updatedAt'),
    ],
    indices: [index('IDX_users_upn', ['userPrincipalName']), index('IDX_users_deactivated', ['deactivatedDate'])],
  }),
  new Table({
    name: 'skus',
    columns: [
      pk(str('skuId', 36)),
      str('skuPartNumber', 128),
      str('friendlyName', 256),
      str('appliesTo', 16),
      str('capabilityStatus', 16),
      int('consumedUnits', { default: 0 }),
      int('prepaidEnabled', { default: 0 }),
      int('prepaidSuspended', { default: 0 }),
      int('prepaidWarning', { default: 0 }),
      int('prepaidLockedOut', { default: 0 }),
      json('servicePlans'),
      bool('managed'),
      instant('updatedAt'),
    ],
  }),
  new Table({
    name: 'license_costs',
    columns: [
      serial('id'),
      str('skuId', 36),
      nstr('effectiveDate', 10),
      nstr('expirationDate', 10),
      str('cost', 32),
      str('currency', 3),
      str('paymentFrequency', 16),
      str('source', 16, { default: "'admin'" }),
      instant('updatedAt'),
    ],
    indices: [index('IDX_license_costs_sku', ['skuId'])],
  }),
  new Table({
    name: 'user_licenses',
    columns: [
      pk(str('userId', 36)),
      pk(str('skuId', 36)),
      pk(str('assignedByGroup', 36, { default: "''" })),
      json('disabledPlans'),
      str('state', 24, { default: "'Active'" }),
      nstr('error', 40),
      ninstant('lastUpdatedDateTime'),
      nstr('lastSeenRunId', 36),
    ],
    indices: [index('IDX_user_licenses_sku', ['skuId'])],
  }),
  new Table({ name: 'groups', columns: [pk(str('id', 36)), str('displayName', 256), instant('updatedAt')] }),
  new Table({
    name: 'group_members',
    columns: [pk(str('groupId', 36)), pk(str('userId', 36))],
    indices: [index('IDX_group_members_user', ['userId'])],
  }),
  new Table({
    name: 'app_activity',
    columns: [
      pk(str('userId', 36)),
      pk(str('app', 32)),
      ninstant('lastActivityDate'),
      str('source', 16),
      nstr('asOf', 10),
      instant('updatedAt'),
    ],
    indices: [index('IDX_app_activity_app_date', ['app', 'lastActivityDate'])],
  }),
  new Table({
    name: 'report_snapshots',
    columns: [
      serial('id'),
      str('report', 64),
      nstr('userId', 36),
      str('userPrincipalName', 320),
      str('reportRefreshDate', 10),
      json('data'),
    ],
    indices: [
      index('IDX_report_snapshots_report_date', ['report', 'reportRefreshDate']),
      index('IDX_report_snapshots_user', ['userId']),
    ],
  }),
  new Table({
    name: 'task_runs',
    columns: [
      pk(str('id', 36)),
      str('task', 32),
      str('trigger', 16),
      instant('startedAt'),
      ninstant('finishedAt'),
      str('status', 16),
      json('counts'),
      json('skipped'),
      text('error', { isNullable: true }),
      str('instance', 128),
    ],
    indices: [index('IDX_task_runs_task_started', ['task', 'startedAt'])],
  }),
  new Table({
    name: 'task_locks',
    columns: [pk(str('task', 32)), str('holder', 128), instant('acquiredAt'), instant('expiresAt')],
  }),
  new Table({ name: 'sync_cursors', columns: [pk(str('name', 64)), str('value', 256), instant('updatedAt')] }),
  new Table({
    name: 'settings',
    columns: [pk(str('key', 64)), json('value'), instant('updatedAt'), str('updatedBy', 64)],
  }),
  new Table({
    name: 'conversations',
    columns: [
      pk(str('id', 256)),
      str('conversationType', 16),
      nstr('tenantId', 36),
      nstr('aadObjectId', 36),
      json('reference'),
      bool('digestSubscribed'),
      instant('installedAt'),
      instant('updatedAt'),
      ninstant('removedAt'),
    ],
    indices: [index('IDX_conversations_aad', ['aadObjectId'])],
  }),
  new Table({
    name: 'reclamation_requests',
    columns: [
      pk(str('id', 36)),
      str('userId', 36),
      str('userPrincipalName', 320),
      str('skuId', 36),
      str('reason', 16),
      json('evidence'),
      str('requestedBy', 36),
      str('approverId', 36),
      str('state', 16),
      int('version', { default: 1 }),
      json('disabledPlans', { isNullable: true }),
      nstr('graphRequestId', 64),
      nstr('monthlySaving', 32),
      nstr('currency', 3),
      bool('dryRun'),
      text('comment', { isNullable: true }),
      text('outcome', { isNullable: true }),
      json('cards'),
      instant('createdAt'),
      instant('updatedAt'),
      instant('expiresAt'),
    ],
    indices: [
      index('IDX_requests_state', ['state']),
      index('IDX_requests_user', ['userId']),
      index('IDX_requests_approver_state', ['approverId', 'state']),
    ],
  }),
  new Table({
    name: 'audit_events',
    columns: [
      serial('id'),
      instant('at'),
      str('actor', 64),
      str('action', 64),
      str('subjectType', 32),
      str('subjectId', 320),
      nstr('requestId', 36),
      str('outcome', 16),
      json('detail'),
    ],
    indices: [index('IDX_audit_subject', ['subjectType', 'subjectId']), index('IDX_audit_request', ['requestId'])],
  }),
  new Table({
    name: 'suspicious_activities',
    columns: [
      serial('id'),
      str('report', 64),
      str('concealedName', 64),
      str('reportRefreshDate', 10),
      json('data'),
      str('runId', 36),
      instant('firstSeenAt'),
      instant('lastSeenAt'),
    ],
    indices: [index('UQ_suspicious_report_name', ['report', 'concealedName'], true)],
  }),
  new Table({
    name: 'digest_deliveries',
    columns: [
      pk(str('digestId', 64)),
      pk(str('conversationId', 256)),
      str('status', 16),
      int('attempts', { default: 0 }),
      ninstant('nextAttemptAt'),
      text('lastError', { isNullable: true }),
      nstr('activityId', 128),
      ninstant('sentAt'),
      instant('createdAt'),
    ],
    indices: [index('IDX_digest_status_next', ['status', 'nextAttemptAt'])],
  }),
  new Table({
    name: 'bot_state',
    columns: [pk(str('key', 512)), text('value'), str('eTag', 36), instant('updatedAt')],
  }),
];

export class InitialSchema1764115200000 implements MigrationInterface {
  name = 'InitialSchema1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.createTable(table, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true);
  }
}
