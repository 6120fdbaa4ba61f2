import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { serializeSqliteTransactions } from './sqlite-serial';

/**
 * The TypeORM DataSource for the configured database. Schema changes only through migrations
 * (never `synchronize`), run at start; SQLite runs in WAL mode so readers (the bot) never wait
 * for the writer (a sync task).
 */
export function createDataSource(database: DatabaseConfig): DataSource {
  if (database.type === 'postgres') {
    return new DataSource({
      type: 'postgres',
      url: database.url,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      migrationsRun: false,
      synchronize: false,
    });
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return new DataSource({
    type: 'sqlite',
    driver: quietSqlite(),
    database: database.path,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    enableWAL: true,
    // A second process (the sync CLI, another instance) may hold the write lock briefly.
    busyTimeout: 10_000,
  });
}

/**
 * The sqlite3 package as TypeORM would load it, except that `verbose()` (which TypeORM always calls)
 * does not turn on sqlite3's long stack traces: they wrap every statement in an Error and a
 * util.inspect of its parameters, a tenth of a sync's CPU at 100,000 users, and would copy bound
 * values into error messages.
 */
function quietSqlite(): object {
  return Object.create(sqlite3, { verbose: { value: () => sqlite3 } }) as object;
}

/** Opens the database and applies pending migrations, each in its own transaction. */
export async function openStore(database: DatabaseConfig): Promise<DataSource> {
  const dataSource = createDataSource(database);
  await dataSource.initialize();
  if (database.type === 'sqlite') {
    // With WAL, NORMAL still never corrupts the file and loses nothing on a process crash; it only
    // skips an fsync per commit (sqlite.org/wal.html#performance_considerations).
    await dataSource.query('PRAGMA synchronous = NORMAL');
    // A sync writes hundreds of thousands of rows with random keys: a 32 MiB page cache (2 MiB by
    // default) keeps the indexes' pages at hand, and checkpointing every 64 MiB of log instead of
    // every 4 MiB writes each page back once rather than many times, with an fsync each (measured
    // at 100,000 users: a third less CPU, half the wall time). The runner checkpoints after a task.
    await dataSource.query('PRAGMA cache_size = -32768');
    await dataSource.query('PRAGMA wal_autocheckpoint = 16384');
    serializeSqliteTransactions(dataSource);
  }
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** True when the database answers a trivial query. */
export async function isReachable(dataSource: DataSource): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
