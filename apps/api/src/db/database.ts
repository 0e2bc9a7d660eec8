import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import pg from 'pg';
import * as schema from './schema/index';
import { acquireDataDirLock, type DataDirLock } from './lock';

export type Schema = typeof schema;
/** A database or an open transaction: repos take either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Runs raw SQL and returns plain rows; for maintenance and benchmarks, not features. */
  query<T = Record<string, unknown>>(q: SQL): Promise<T[]>;
  /**
   * Runs one statement on its own, outside any transaction (a single statement is atomic), and returns its rows.
   * On PostgreSQL it is a named prepared statement per distinct SQL text, so hot statements are parsed once per
   * connection and can keep a generic plan instead of being planned on every request. Instants come back as Date.
   */
  statement<T>(q: SQL): Promise<T[]>;
  /** PGlite only: the data directory as a gzipped tarball, for `loadDataDir` to start another database from (tests). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

const MAX_PREPARED = 1000;
const pgliteDialect = new PgDialect();

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface OpenOptions {
  /** postgres://… runs on PostgreSQL; otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined keeps the database in memory (tests). */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** PGlite only: a tarball made by `dumpDataDir` to start from (tests). */
  loadDataDir?: Blob | File;
}

/** Both drivers answer `execute` with an object carrying `rows`; the shared type cannot say so. */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 20 });
    pool.on('error', () => undefined);
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    const dialect = new PgDialect();
    const names = new Map<string, string>();
    return {
      db,
      kind: 'postgres',
      query: async <T>(q: SQL) => rowsOf<T>(await db.execute(q)),
      statement: async <T>(q: SQL) => {
        const { sql: text, params } = dialect.sqlToQuery(q);
        let name = names.get(text);
        // Each connection keeps its prepared statements; the distinct texts are few (one per query shape), but
        // stop naming new ones past a bound rather than let a bug grow them without limit.
        if (!name && names.size < MAX_PREPARED) {
          name = `openiop_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
          names.set(text, name);
        }
        return (await pool.query({ ...(name ? { name } : {}), text, values: params })).rows as T[];
      },
      close: () => pool.end(),
    };
  }
  let lock: DataDirLock | undefined;
  let dataDir: string | undefined;
  if (opts.dataDir) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    lock = acquireDataDirLock(opts.dataDir);
    dataDir = path.join(opts.dataDir, 'pgdata');
  }
  try {
    const client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      query: async <T>(q: SQL) => rowsOf<T>(await db.execute(q)),
      statement: async <T>(q: SQL) => {
        const { sql: text, params } = pgliteDialect.sqlToQuery(q);
        return (await client.query<T>(text, params)).rows;
      },
      dumpDataDir: () => client.dumpDataDir('gzip'),
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    await migratePg(database.db as never, { migrationsFolder });
  }
}

export async function isEmpty(database: Database): Promise<boolean> {
  const rows = await database.query<{ n: number }>(sql`select count(*)::int as n from organizations`);
  return (rows[0]?.n ?? 0) === 0;
}
