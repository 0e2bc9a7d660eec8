import { sql } from 'drizzle-orm';
import type { Database, Db } from '../src/db/database';

/** Every table that holds an organization's rows, keyed by `organization_id` (plus the organization itself). */
export const ORG_TABLES = [
  'locations',
  'users',
  'user_locations',
  'patients',
  'episodes',
  'caseload_assignments',
  'break_glass_grants',
  'api_tokens',
  'sessions',
  'password_reset_tokens',
  'idempotency_keys',
  'audit_events',
  'audit_heads',
  'intakes',
  'intake_addenda',
  'dimensional_assessments',
  'instrument_administrations',
  'instrument_answers',
  'instrument_links',
  'tasks',
  'consents',
  'disclosures',
  'inquiries',
  'inquiry_follow_ups',
  'inquiry_prescreens',
  'inquiry_coverages',
  'public_intake_pages',
  'diagnoses',
  'medications',
  'medication_adherence_notes',
  'allergies',
  'chart_alerts',
  'relapse_plans',
  'measure_assignments',
  'measure_settings',
  'measure_links',
  'daily_checkins',
  'interventions',
  'treatment_plans',
  'treatment_plan_versions',
  'treatment_plan_signatures',
  'plan_sign_links',
  'plan_progress',
  'rooms',
  'tracks',
  'program_phases',
  'group_templates',
  'scheduling_settings',
  'closures',
  'staff_hours',
  'staff_leave',
  'staff_scheduling',
  'patient_availability',
  'patient_schedule_prefs',
  'service_authorizations',
  'schedule_weeks',
  'schedule_solves',
  'session_series',
  'session_occurrences',
  'session_attendees',
  'calendar_feeds',
  'session_reminders',
  'session_attendance',
  'check_in_windows',
  'session_check_ins',
  'session_notes',
  'note_parts',
  'note_addenda',
  'staff_supervision',
  'drug_test_settings',
  'drug_test_draws',
  'drug_test_selections',
  'drug_test_collections',
  'drug_test_results',
  'drug_test_reviews',
  'video_settings',
  'video_presence',
] as const;

/**
 * A fingerprint of everything an organization has in the database: row count and a hash of every row's text, per
 * table. Two equal snapshots mean nothing was inserted, updated or deleted in between.
 */
export async function orgSnapshot(database: Database, organizationId: string): Promise<Record<string, string>> {
  const parts = [
    sql`select 'organizations' as t, count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from organizations x where x.id = ${organizationId}::uuid`,
    ...ORG_TABLES.map(
      (t) =>
        sql`select ${t} as t, count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from ${sql.identifier(t)} x where x.organization_id = ${organizationId}::uuid`,
    ),
  ];
  const rows = await database.query<{ t: string; n: number; h: string }>(sql.join(parts, sql` union all `));
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

export async function countRows(database: Database, table: (typeof ORG_TABLES)[number], organizationId: string): Promise<number> {
  const [row] = await database.query<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(table)} where organization_id = ${organizationId}::uuid`,
  );
  return row?.n ?? 0;
}

/** The newest audit event's sequence number in an organization's chain (0 when empty). */
export async function auditHeadSeq(database: Database, organizationId: string): Promise<number> {
  const [row] = await database.query<{ seq: number }>(
    sql`select seq::int as seq from audit_heads where organization_id = ${organizationId}::uuid`,
  );
  return row?.seq ?? 0;
}

/**
 * What someone with database superuser rights could do: switch the append-only trigger off, rewrite one event and
 * switch it back on, all in one transaction so no other session ever sees the trigger disabled.
 */
export async function tamperAuditEvent(db: Db, organizationId: string, seq: number, action: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update`);
    const changed = await tx.execute(
      sql`update audit_events set action = ${action} where organization_id = ${organizationId}::uuid and seq = ${seq} returning seq`,
    );
    await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update`);
    if ((changed as { rows: unknown[] }).rows.length !== 1) throw new Error(`no audit event ${seq} to tamper with`);
  });
}

/** The PostgreSQL error behind a driver or drizzle error, if any. */
export function pgErrorOf(err: unknown): { code: string | undefined; message: string } {
  const messages: string[] = [];
  let code: string | undefined;
  for (let e: unknown = err, i = 0; e && i < 5; i += 1) {
    const c = (e as { code?: unknown }).code;
    if (!code && typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c)) code = c;
    const m = (e as { message?: unknown }).message;
    if (typeof m === 'string') messages.push(m);
    e = (e as { cause?: unknown }).cause;
  }
  return { code, message: messages.join(' / ') };
}

/** Runs `fn` in a transaction that is always rolled back, and returns what it threw (or undefined). */
export async function failureInRolledBackTransaction(db: Db, fn: (tx: Db) => Promise<unknown>): Promise<unknown> {
  const ROLLBACK = new Error('rollback');
  let failure: unknown;
  try {
    await db.transaction(async (tx) => {
      try {
        await fn(tx);
      } catch (err) {
        failure = err;
      }
      throw ROLLBACK;
    });
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  }
  return failure;
}
