import 'reflect-metadata';
import { existsSync, mkdirSync, statSync } from 'node:fs';
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

/**
 * Pages of a new SQLite store. Its big tables have random keys (GUIDs), so a sync's batch touches
 * most leaf pages of every index; larger pages mean fewer pages to find, split and copy to the log
 * per commit. Measured at 100,000 users, each table alone in 5,000-row transactions (4, 16, 32 and
 * 64 KiB pages): report snapshots 9.0, 7.3, 6.6 and 5.3 s, app activity 5.2, 3.8, 3.0 and 2.7 s;
 * the whole sync 42–48 s with 4 KiB, 38.5–40.4 s with the larger ones (within noise of each
 * other). 32 KiB keeps a small write (a card action's row) from copying 64 KiB pages to the log.
 * A store created before keeps its page size: SQLite fixes it when the file is made (in WAL mode
 * for good), and the code does not depend on it.
 */
const SQLITE_PAGE_BYTES = 32_768;
/** Log bytes between automatic checkpoints, whatever the page size. */
const WAL_CHECKPOINT_BYTES = 64 * 1024 * 1024;

/** Opens the database and applies pending migrations, each in its own transaction. */
export async function openStore(database: DatabaseConfig): Promise<DataSource> {
  if (database.type === 'sqlite' && database.path !== ':memory:' && isNewFile(database.path)) {
    await createSqliteFile(database.path);
  }
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
    const [{ page_size: pageSize }] = (await dataSource.query('PRAGMA page_size')) as [{ page_size: number }];
    await dataSource.query(`PRAGMA wal_autocheckpoint = ${Math.max(1, Math.round(WAL_CHECKPOINT_BYTES / pageSize))}`);
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

const isNewFile = (path: string) => !existsSync(path) || statSync(path).size === 0;

/** Makes the store's file with SQLITE_PAGE_BYTES pages, in WAL mode (which fixes the page size). */
async function createSqliteFile(path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(path, (error) => (error ? reject(error) : resolve(opened)));
  });
  try {
    await new Promise<void>((resolve, reject) =>
      db.exec(`PRAGMA page_size = ${SQLITE_PAGE_BYTES}; PRAGMA journal_mode = WAL;`, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
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
