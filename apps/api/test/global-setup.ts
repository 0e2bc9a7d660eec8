import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder, openDatabase } from '../src/db/database';
import { migrateDatabase } from '../src/db/database';
import { templatePath } from './database';

/** Migrates once: a PGlite template to clone per file, or the shared PostgreSQL test database. */
export default async function setup(): Promise<void> {
  const url = process.env.OPENIOP_TEST_DATABASE_URL;
  if (url) {
    const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
    await migrateDatabase(database);
    await database.close();
    return;
  }
  const client = await PGlite.create();
  await migrate(drizzle(client), { migrationsFolder });
  const dump = await client.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(templatePath), { recursive: true });
  fs.writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await client.close();
}
