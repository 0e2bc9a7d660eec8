import fs from 'node:fs';
import { migrateDatabase, openDatabase } from '../../api/src/db/database';
import { seedDemo } from '../../api/src/demo/demo';
import { demoTemplate } from './template';

/**
 * Migrates and seeds the demo program once for the whole browser tier: every spec file starts its own database from
 * this copy (seconds saved per file, most of a file's set-up on a slow machine). The seed's `now` is kept beside it,
 * so each server's clock starts where its data was made.
 */
export default async function setup(): Promise<void> {
  const now = new Date();
  const database = await openDatabase({});
  try {
    await migrateDatabase(database);
    await seedDemo(database.db, { patients: 60, now });
    if (!database.dumpDataDir) throw new Error('the browser tier runs on PGlite');
    const dump = await database.dumpDataDir();
    fs.mkdirSync(demoTemplate.dir, { recursive: true });
    fs.writeFileSync(demoTemplate.data, Buffer.from(await dump.arrayBuffer()));
    fs.writeFileSync(demoTemplate.meta, JSON.stringify({ now: now.toISOString() }));
  } finally {
    await database.close();
  }
}
