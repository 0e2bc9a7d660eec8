import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, migrateDatabase, type Database } from '../src/db/database';

/** Where global setup leaves a migrated PGlite data directory dump for every test file to start from. */
export const templatePath = path.resolve(import.meta.dirname, '../../../.tmp/pglite-template.tar.gz');

/**
 * Integration tests run on PGlite by default, and on PostgreSQL when OPENIOP_TEST_DATABASE_URL is set
 * (`npm test` does both). Each test file gets its own PGlite (cloned from a migrated template); on PostgreSQL
 * files share one migrated database and isolate themselves with a fresh organization per test.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.OPENIOP_TEST_DATABASE_URL;
  if (url) return openDatabase({ databaseUrl: url, poolSize: 5 });
  if (fs.existsSync(templatePath)) {
    const blob = new Blob([fs.readFileSync(templatePath)]);
    return openDatabase({ loadDataDir: blob });
  }
  const database = await openDatabase({});
  await migrateDatabase(database);
  return database;
}
