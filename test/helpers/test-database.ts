import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../src/config';
import { openStore } from '../../src/store';
import { tempDir } from './temp-dir';

export interface TestDatabase {
  config: DatabaseConfig;
  /** The same database as a DATABASE_URL value. */
  url: string;
  cleanup(): Promise<void>;
}

let created = 0;

/**
 * A fresh, empty database for one test: a SQLite file in a temporary directory, or, when
 * TEST_POSTGRES_URL names a PostgreSQL server (`npm run test:pg`), a new database on it, dropped
 * at cleanup. The store's code is the same for both; this is how the PostgreSQL path is tested.
 */
export async function testDatabase(): Promise<TestDatabase> {
  const server = postgresServer();
  if (!server) {
    const dir = tempDir();
    const path = join(dir.path, 'steward.sqlite');
    return { config: { type: 'sqlite', path }, url: `sqlite:${path}`, cleanup: async () => dir.cleanup() };
  }
  const name = `steward_test_${process.pid}_${++created}`;
  await admin(server, `CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { config: { type: 'postgres', url: url.toString() }, url: url.toString(), cleanup: () => drop(server, name) };
}

/**
 * TEST_POSTGRES_URL, checked: pg reads anything that is not an absolute URL as a path relative to
 * host "base", so a stray line captured with the URL would fail every test with ENOTFOUND instead
 * of saying what is wrong.
 */
function postgresServer(): string | undefined {
  const value = process.env.TEST_POSTGRES_URL;
  if (!value) return undefined;
  if (!/^postgres(ql)?:\/\/\S+$/.test(value)) {
    throw new Error(`TEST_POSTGRES_URL must be one postgres:// URL, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * A plain DROP waits for an autovacuum worker on the database to leave (the ANALYZE after each task
 * invites one); FORCE, which needs pg_signal_backend for that worker, is only the fallback for a
 * connection a test left open.
 */
async function drop(server: string, name: string): Promise<void> {
  try {
    await admin(server, `DROP DATABASE IF EXISTS "${name}"`);
  } catch {
    await admin(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

async function admin(server: string, statement: string): Promise<void> {
  const connection = new DataSource({ type: 'postgres', url: server });
  await connection.initialize();
  try {
    await connection.query(statement);
  } finally {
    await connection.destroy();
  }
}

/**
 * A fresh store for each test of the enclosing `describe` (mocha hooks registered here), closed and
 * its database dropped after the test: `const db = storePerTest();` then `db.store` inside a test.
 */
export function storePerTest(): { readonly store: DataSource } {
  let database: TestDatabase | undefined;
  const current = { store: undefined as unknown as DataSource };
  beforeEach(async () => {
    database = await testDatabase();
    current.store = await openStore(database.config);
  });
  afterEach(async () => {
    await current.store.destroy();
    await database?.cleanup();
  });
  return current;
}
