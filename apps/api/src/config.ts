import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { openDatabase, migrateDatabase, isEmpty, type Database } from './db/database';
import { outboxMailer, smtpMailer, type Mailer } from './platform/mailer';
import { seedDemo, DEMO_PASSWORD, type DemoResult } from './demo/demo';
import { systemClock } from './platform/clock';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Everything the process takes from its environment, in one place. */
export function readEnv(env: NodeJS.ProcessEnv = process.env) {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  const dataDir = path.resolve(env.OPENIOP_DATA_DIR ?? path.join(repoRoot, 'data'));
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

export type Env = ReturnType<typeof readEnv>;

export async function openConfiguredDatabase(env: Env): Promise<Database> {
  return openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.databaseUrl ? undefined : path.join(env.dataDir) });
}

export function configuredMailer(env: Env): Mailer {
  return env.smtpUrl ? smtpMailer(env.smtpUrl) : outboxMailer(path.join(env.dataDir, 'outbox'));
}

/** Migrates, and on an empty database seeds the demo program; returns the demo sign-ins when it seeded. */
export async function prepareDatabase(database: Database, log: (msg: string) => void): Promise<DemoResult | undefined> {
  await migrateDatabase(database);
  if (!(await isEmpty(database))) return undefined;
  log('New database: creating the synthetic demo program…');
  const result = await seedDemo(database.db, { patients: 60, now: systemClock.now() });
  if (database.kind === 'pglite') await database.query(sql`checkpoint`);
  return result;
}

export { DEMO_PASSWORD };
