import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp, MemoryMailer, setupOrg, signIn, type TestOrg } from '../../test/harness';
import { failureInRolledBackTransaction, pgErrorOf, tamperAuditEvent } from '../../test/db-state';
import { migrateDatabase, openDatabase } from '../db/database';
import { buildApp } from '../app';
import { DEMO_DOMAIN, DEMO_PASSWORD, seedDemo } from '../demo/demo';
import { ManualClock } from './clock';
import { verifyAuditChain } from './audit';

const t = await buildTestApp();
const repoRoot = path.resolve(import.meta.dirname, '../../../..');

/** An organization with a few dozen audit events: sign-ins, patient writes, chart reads. */
async function busyOrg(): Promise<TestOrg> {
  const org = await setupOrg(t);
  const clinician = await org.as('clinician');
  for (let i = 0; i < 4; i += 1) {
    const p = await org.patient();
    await clinician.get(`/api/v1/patients/${p.id}/chart`);
  }
  return org;
}

const seqsOf = async (orgId: string): Promise<number[]> =>
  (
    await t.database.query<{ seq: number }>(
      sql`select seq::int as seq from audit_events where organization_id = ${orgId}::uuid order by seq`,
    )
  ).map((r) => r.seq);

describe('audit hash chain', () => {
  it('never forks when many reads append at once (one statement locks the head)', async () => {
    const org = await setupOrg(t);
    const patients = await Promise.all([org.patient(), org.patient(), org.patient()]);
    const clinician = await org.as('clinician');
    const reads = await Promise.all(Array.from({ length: 24 }, (_, i) => clinician.get(`/api/v1/patients/${patients[i % 3]?.id}/chart`)));
    expect(reads.map((r) => r.statusCode)).toEqual(Array.from({ length: 24 }, () => 200));
    const rows = await t.database.query<{ n: number; distinct_seq: number; max_seq: number }>(
      sql`select count(*)::int as n, count(distinct seq)::int as distinct_seq, max(seq)::int as max_seq from audit_events where organization_id = ${org.id}`,
    );
    expect(rows[0]?.n).toBe(rows[0]?.distinct_seq);
    expect(rows[0]?.max_seq).toBe(rows[0]?.n);
    expect(await verifyAuditChain(t.database.db, org.id)).toEqual({ ok: true, checked: rows[0]?.n });
  });

  it('chains reads audited in one statement: searches with and without matches, charts found and not found', async () => {
    const org = await setupOrg(t);
    const patients = await Promise.all([org.patient(), org.patient()]);
    const clinician = await org.as('clinician');
    const missing = '00000000-0000-4000-8000-000000000000';
    const urls = [
      `/api/v1/patients?limit=1`,
      `/api/v1/patients?q=zzzz-no-such-name`,
      `/api/v1/patients/${patients[0]?.id}/chart`,
      `/api/v1/patients/${missing}/chart`,
      `/api/v1/patients/${patients[1]?.id}/chart`,
    ];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => clinician.get(urls[i % urls.length] ?? '')));
    expect(answers.map((r) => r.statusCode)).toEqual(Array.from({ length: 20 }, (_, i) => (i % urls.length === 3 ? 404 : 200)));
    const events = await t.database.query<{ action: string; details: Record<string, unknown>; patient_id: string | null }>(
      sql`select action, details, patient_id from audit_events where organization_id = ${org.id}::uuid and action in ('patient.search', 'chart.open') order by seq`,
    );
    // A chart that is not there leaves no event; every search does, with what it showed.
    expect(events.filter((e) => e.action === 'chart.open')).toHaveLength(8);
    expect(events.some((e) => e.patient_id === missing)).toBe(false);
    const searches = events.filter((e) => e.action === 'patient.search');
    expect(searches).toHaveLength(8);
    const shownOne = searches.filter((e) => e.details.count === 1);
    expect(shownOne).toHaveLength(4);
    for (const e of shownOne) expect(e.details).toMatchObject({ hasQuery: false, patientIds: [expect.any(String)] });
    for (const e of searches.filter((x) => x.details.count === 0)) expect(e.details).toMatchObject({ hasQuery: true, patientIds: [] });
    expect(await verifyAuditChain(t.database.db, org.id)).toMatchObject({ ok: true });
  });

  it('audits record reads (GET /patients/:id) in one statement: an event per read found, none for a patient missing or not visible', async () => {
    const org = await setupOrg(t);
    const [mine, elsewhere] = await Promise.all([org.patient(), org.patient({ locationId: org.locations.other })]);
    const clinician = await org.as('clinician');
    const missing = '00000000-0000-4000-8000-000000000000';
    const urls = [`/api/v1/patients/${mine.id}`, `/api/v1/patients/${missing}`, `/api/v1/patients/${elsewhere.id}`];
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => clinician.get(urls[i % urls.length] ?? '')));
    expect(answers.map((r) => r.statusCode)).toEqual(Array.from({ length: 12 }, (_, i) => (i % urls.length === 0 ? 200 : 404)));
    expect(answers[0]?.headers.etag).toBe('"1"');
    expect(answers[0]?.json()).toMatchObject({ id: mine.id, mrn: mine.mrn, version: 1, locationName: 'Main clinic' });
    const events = await t.database.query<{ patient_id: string; break_glass: boolean }>(
      sql`select patient_id, break_glass from audit_events where organization_id = ${org.id}::uuid and action = 'patient.read'
        and actor_user_id = ${org.users.clinician.id}::uuid order by seq`,
    );
    expect(events).toEqual(Array.from({ length: 4 }, () => ({ patient_id: mine.id, break_glass: false })));
    expect(await verifyAuditChain(t.database.db, org.id)).toMatchObject({ ok: true });
  });

  it('verifies an untouched chain', async () => {
    const org = await busyOrg();
    const seqs = await seqsOf(org.id);
    expect(seqs.length).toBeGreaterThanOrEqual(10);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(await verifyAuditChain(t.database.db, org.id)).toEqual({ ok: true, checked: seqs.length });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on audit_events', async () => {
    const org = await busyOrg();
    const attempts = {
      update: sql`update audit_events set action = 'chart.close' where organization_id = ${org.id}::uuid and seq = 3`,
      delete: sql`delete from audit_events where organization_id = ${org.id}::uuid and seq = 3`,
      truncate: sql`truncate audit_events`,
    };
    for (const [name, statement] of Object.entries(attempts)) {
      // Always rolled back, so a missing trigger would fail this test without harming other tests' data.
      const failure = await failureInRolledBackTransaction(t.database.db, (tx) => tx.execute(statement));
      expect(failure, `${name} must be refused`).toBeDefined();
      const err = pgErrorOf(failure);
      expect(err.code, name).toBe('42501');
      expect(err.message, name).toContain('audit_events is append-only');
    }
    expect(await verifyAuditChain(t.database.db, org.id)).toMatchObject({ ok: true });
  });

  it('names the altered event when a superuser rewrites one behind the trigger', async () => {
    const org = await busyOrg();
    const [row] = await t.database.query<{ action: string }>(
      sql`select action from audit_events where organization_id = ${org.id}::uuid and seq = 7`,
    );
    expect(row?.action).not.toBe('chart.close');
    await tamperAuditEvent(t.database.db, org.id, 7, 'chart.close');
    const result = await verifyAuditChain(t.database.db, org.id);
    expect(result).toEqual({ ok: false, checked: 6, brokenAt: 7, reason: 'event 7 was altered after it was written' });
    // The trigger is back on afterwards.
    const failure = await failureInRolledBackTransaction(t.database.db, (tx) =>
      tx.execute(sql`update audit_events set action = 'x' where organization_id = ${org.id}::uuid and seq = 1`),
    );
    expect(pgErrorOf(failure).code).toBe('42501');
  });

  it('names the gap when an event is deleted, and the head when the newest is', async () => {
    const org = await busyOrg();
    const last = (await seqsOf(org.id)).at(-1) ?? 0;
    const deleteEvent = (seq: number) =>
      t.database.db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update`);
        await tx.execute(sql`delete from audit_events where organization_id = ${org.id}::uuid and seq = ${seq}`);
        await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update`);
      });
    await deleteEvent(last);
    expect(await verifyAuditChain(t.database.db, org.id)).toEqual({
      ok: false,
      checked: last - 1,
      brokenAt: last,
      reason: `events after ${last - 1} are missing (head is at ${last})`,
    });
    await deleteEvent(4);
    expect(await verifyAuditChain(t.database.db, org.id)).toEqual({ ok: false, checked: 3, brokenAt: 4, reason: 'event 4 is missing' });
  });

  it("another organization's tampering does not break this one's chain", async () => {
    const mine = await busyOrg();
    const theirs = await busyOrg();
    await tamperAuditEvent(t.database.db, theirs.id, 2, 'auth.sign_out');
    expect(await verifyAuditChain(t.database.db, mine.id)).toMatchObject({ ok: true });
    expect(await verifyAuditChain(t.database.db, theirs.id)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});

describe('npm run openiop -- audit verify', () => {
  const run = async (dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> => {
    const env: NodeJS.ProcessEnv = { ...process.env, OPENIOP_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    try {
      const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'apps/api/src/cli.ts', 'audit', 'verify'], {
        cwd: repoRoot,
        env,
        timeout: 90_000,
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };

  it('exits 0 on an intact PGlite data directory and 1 naming the broken event after tampering', { timeout: 180_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openiop-audit-cli-'));
    try {
      let database = await openDatabase({ dataDir });
      await migrateDatabase(database);
      const now = new Date('2026-11-16T15:00:00Z');
      const demo = await seedDemo(database.db, { patients: 5, now });
      // Use the demo as staff would, so the chain has sign-ins, searches and chart reads to tamper with.
      const app = await buildApp({
        database,
        clock: new ManualClock(now),
        mailer: new MemoryMailer(),
        publicUrl: 'http://openiop.test',
        authRateLimit: { max: 100, timeWindowMs: 60_000 },
        bodyLimit: 65_536,
      });
      const staff = await signIn(app, `admin@${DEMO_DOMAIN}`, DEMO_PASSWORD);
      const listed = (await staff.get('/api/v1/patients')).json().items as { id: string }[];
      for (const p of listed.slice(0, 3)) expect((await staff.get(`/api/v1/patients/${p.id}/chart`)).statusCode).toBe(200);
      await app.close();
      const [count] = await database.query<{ n: number }>(
        sql`select count(*)::int as n from audit_events where organization_id = ${demo.organizationId}::uuid`,
      );
      expect(count?.n).toBeGreaterThan(3);
      await database.close();

      const intact = await run(dataDir);
      expect(intact.code, intact.stderr).toBe(0);
      expect(intact.stdout).toContain(`organization ${demo.organizationId}: ${count?.n} events, chain intact`);

      database = await openDatabase({ dataDir });
      await tamperAuditEvent(database.db, demo.organizationId, 4, 'patient.tampered');
      await database.close();

      const broken = await run(dataDir);
      expect(broken.code, broken.stderr).toBe(1);
      expect(broken.stdout).toContain(
        `organization ${demo.organizationId}: BROKEN at event 4: event 4 was altered after it was written (3 events verified before it)`,
      );
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
