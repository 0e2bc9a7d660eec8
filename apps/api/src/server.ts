import path from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp } from './app';
import { configuredMailer, DEMO_PASSWORD, openConfiguredDatabase, prepareDatabase, readEnv, repoRoot } from './config';
import { DataDirLockedError } from './db/lock';
import { systemClock } from './platform/clock';
import { DEMO_DOMAIN } from './demo/demo';
import { DEMO_HELP_SLUG } from './demo/demo-inquiries';
import { startReminderJob } from './features/sessions/reminders.job';
import { startDrawJob } from './features/drug-tests/draw.job';
import { startLateNoteJob } from './features/notes/notes.lists';
import { startHoursSweep } from './features/attendance/hours-sweep.job';
import { startUnrecordedAttendanceJob } from './features/attendance/unrecorded.job';

/** The only file that reads the environment and listens. */
async function main(): Promise<void> {
  const env = readEnv();
  const log = (msg: string) => process.stdout.write(`${msg}\n`);
  let database;
  try {
    database = await openConfiguredDatabase(env);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      process.stderr.write(`openiop: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  await prepareDatabase(database, log);
  const demo = await database.query<{ n: number }>(sql`select count(*)::int as n from organizations where is_demo`);
  const app = await buildApp({
    database,
    clock: systemClock,
    mailer: configuredMailer(env),
    publicUrl: env.publicUrl,
    authRateLimit: { max: 10, timeWindowMs: 60_000 },
    bodyLimit: 256 * 1024,
    webDist: path.join(repoRoot, 'apps/web/dist'),
    logger: { level: env.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
  });
  const stopReminders = startReminderJob({ database, mailer: app.deps.mailer, publicUrl: env.publicUrl, log: (m) => app.log.warn(m) }, () =>
    systemClock.now(),
  );
  const warn = (m: string) => app.log.warn(m);
  const stopDraws = startDrawJob({ database, log: warn }, () => systemClock.now());
  const stopLateNotes = startLateNoteJob(database, () => systemClock.now(), warn);
  const stopHoursSweep = startHoursSweep(database, () => systemClock.now(), warn);
  const stopUnrecorded = startUnrecordedAttendanceJob(database, () => systemClock.now(), warn);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await stopReminders();
    await stopDraws();
    await stopLateNotes();
    await stopHoursSweep();
    await stopUnrecorded();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  await app.listen({ port: env.port, host: env.host });
  log('');
  log(`openiop is running at ${env.publicUrl}  (database: ${database.kind === 'pglite' ? `PGlite in ${env.dataDir}` : 'PostgreSQL'})`);
  log(`API docs: ${env.publicUrl}/api/docs`);
  if ((demo[0]?.n ?? 0) > 0) {
    log('');
    log(`Demo sign-ins (password: ${DEMO_PASSWORD}):`);
    for (const role of ['admin', 'director', 'clinician', 'medical', 'admissions', 'billing', 'peer'])
      log(`  ${role.padEnd(11)} ${role}@${DEMO_DOMAIN}`);
    log(`Public request-help page: ${env.publicUrl}/help/${DEMO_HELP_SLUG}`);
  }
  log('');
}

main().catch((err: unknown) => {
  process.stderr.write(`openiop failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
