import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { configuredMailer, openConfiguredDatabase, readEnv } from './config';
import { migrateDatabase } from './db/database';
import { DataDirLockedError } from './db/lock';
import { seedDemo, DEMO_DOMAIN, DEMO_PASSWORD } from './demo/demo';
import { verifyAuditChain } from './platform/audit';
import { systemClock } from './platform/clock';
import { sendDueReminders } from './features/sessions/reminders.job';

const USAGE = `usage: npm run openiop -- <command>

  migrate                         apply database migrations
  demo [--patients N] [--domain D] create a synthetic demo organization (default 60 patients)
  audit verify [--org ID]         walk each organization's audit hash chain; names the first broken link
  reminders run                   send the session reminders due now (the server does this every minute)

Uses DATABASE_URL (PostgreSQL) or OPENIOP_DATA_DIR (PGlite, default ./data), like npm start.
A PGlite data directory in use by a running server is refused.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { patients: { type: 'string' }, domain: { type: 'string' }, org: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [cmd, sub] = positionals;
  if (values.help || !cmd) {
    process.stdout.write(`${USAGE}\n`);
    return cmd ? 0 : 2;
  }
  const env = readEnv();
  const database = await openConfiguredDatabase(env);
  try {
    if (cmd === 'migrate') {
      await migrateDatabase(database);
      process.stdout.write('migrations applied\n');
      return 0;
    }
    if (cmd === 'demo') {
      const n = Number(values.patients ?? 60);
      if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new UsageError('--patients must be a whole number from 1 to 1000000');
      await migrateDatabase(database);
      const domain = values.domain ?? DEMO_DOMAIN;
      const started = Date.now();
      const result = await seedDemo(database.db, {
        patients: n,
        domain,
        now: systemClock.now(),
        onProgress: (done, total) => process.stdout.write(`\r  patients ${done}/${total}`),
      });
      if (database.kind === 'pglite') await database.query(sql`checkpoint`);
      process.stdout.write(
        `\ncreated demo organization ${result.organizationId} with ${n} patients in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      for (const s of result.signIns) process.stdout.write(`  ${s.role.padEnd(11)} ${s.email}  (password ${DEMO_PASSWORD})\n`);
      return 0;
    }
    if (cmd === 'audit' && sub === 'verify') {
      const orgs = values.org
        ? [{ id: values.org }]
        : await database.query<{ id: string }>(sql`select id from organizations order by created_at`);
      let broken = 0;
      for (const org of orgs) {
        const r = await verifyAuditChain(database.db, org.id);
        if (r.ok) process.stdout.write(`organization ${org.id}: ${r.checked} events, chain intact\n`);
        else {
          broken += 1;
          process.stdout.write(
            `organization ${org.id}: BROKEN at event ${r.brokenAt}: ${r.reason} (${r.checked} events verified before it)\n`,
          );
        }
      }
      return broken ? 1 : 0;
    }
    if (cmd === 'reminders' && sub === 'run') {
      const done = await sendDueReminders({ database, mailer: configuredMailer(env), publicUrl: env.publicUrl }, systemClock.now());
      process.stdout.write(`reminders: ${done.emails} e-mails, ${done.inApp} in-app, ${done.failed} failed (retried next run)\n`);
      return done.failed ? 1 : 0;
    }
    throw new UsageError(`unknown command: ${positionals.join(' ')}`);
  } finally {
    await database.close();
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    else if (err instanceof DataDirLockedError) process.stderr.write(`openiop: ${err.message}\n`);
    else process.stderr.write(`openiop: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
