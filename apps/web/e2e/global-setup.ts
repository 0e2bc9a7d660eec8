import fs from 'node:fs';
import { migrateDatabase, openDatabase } from '../../api/src/db/database';
import { localDate } from '@openiop/core';
import { DEMO_TIME_ZONES, seedDemo } from '../../api/src/demo/demo';
import { demoTemplate } from './template';

/**
 * Migrates and seeds the demo program once for the whole browser tier: every spec file starts its own database from
 * this copy (seconds saved per file, most of a file's set-up on a slow machine). The seed's `now` is kept beside it,
 * so each server's clock starts where its data was made.
 */
export default async function setup(): Promise<void> {
  // OPENIOP_E2E_NOW (an ISO instant) runs the tier as of another day, e.g. a holiday week.
  const asOf = process.env.OPENIOP_E2E_NOW ? new Date(process.env.OPENIOP_E2E_NOW) : new Date();
  if (Number.isNaN(asOf.getTime())) throw new Error('OPENIOP_E2E_NOW is not an ISO instant');
  const now = seedInstant(asOf);
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

const HOUR = 3_600_000;
/** How long the tier may run, with its clocks moved on by tests, before a clinic's date must not have changed. */
const RUN_MARGIN = 3 * HOUR;

/**
 * Now, or now moved back by whole hours until no demo clinic reaches midnight within the run's margin: the seeded
 * "today" must stay today in every clinic for every spec, whatever hour the tier starts at.
 */
function seedInstant(now: Date): Date {
  let at = now;
  const crossesMidnight = (t: Date) => DEMO_TIME_ZONES.some((z) => localDate(t, z) !== localDate(new Date(t.getTime() + RUN_MARGIN), z));
  while (crossesMidnight(at)) at = new Date(at.getTime() - HOUR);
  return at;
}
