import {
  DomainError,
  type PatientCreate,
  type PatientSearch,
  type PatientUpdate,
  type PatientView,
  type PatientListItem,
} from '@openiop/core';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { auditedRead, auditFieldsOf } from '../../platform/audited-read';
import { assertCan, type Ctx } from '../../platform/context';
import { isUniqueViolation } from '../../platform/errors';
import { decodeCursor, encodeCursor } from '../../platform/http';
import { getLocationForActor } from '../admin/locations.service';
import * as repo from './patients.repo';
import { scopePredicates } from './patients.scope';

/**
 * One page of the patients the actor may see. The search and its audit event are one statement: the event names
 * the patients shown (counted and listed by the database from the same rows), never what was typed.
 */
export async function listPatients(ctx: Ctx, f: PatientSearch): Promise<{ items: PatientListItem[]; nextCursor: string | null }> {
  assertCan(ctx.actor, 'patient.read');
  const after = decodeCursor(f.cursor, 3) as [string, string, string] | undefined;
  const { visible } = scopePredicates(ctx.actor, ctx.clock.now());
  const shown = sql`from target where ord <= ${f.limit}`;
  const rows = await auditedRead<repo.ListRow & { sortFamily: string; sortGiven: string }>(ctx.database, {
    rows: repo.listRowsSql(ctx.actor.organizationId, visible, f, after),
    event: {
      ...auditFieldsOf(ctx),
      action: 'patient.search',
      resourceType: 'patient',
      details: { hasQuery: Boolean(f.q), locationId: f.locationId ?? null, status: f.status ?? null },
    },
    breakGlass: sql`false`,
    computedDetails: {
      count: sql`select count(*)::text ${shown}`,
      patientIds: sql`select '[' || coalesce(string_agg('"' || id::text || '"', ',' order by ord), '') || ']' ${shown}`,
    },
    when: 'always',
  });
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > f.limit && last ? encodeCursor([last.sortFamily, last.sortGiven, last.id]) : null;
  return { items: page.map(repo.toListItem), nextCursor };
}

/** Loads a patient the actor may see, or answers NOT_FOUND whether it is missing or not theirs. */
export async function loadVisible(tx: Db, ctx: Ctx, id: string) {
  const { inScope, visible } = scopePredicates(ctx.actor, ctx.clock.now());
  const row = await repo.getRow(tx, ctx.actor.organizationId, id, inScope, visible);
  if (!row) throw new DomainError('NOT_FOUND', 'No such patient');
  return { row, breakGlass: !row.inScope };
}

/**
 * For break-the-glass: which patient an MRN names anywhere in the organization, and whether the actor's normal
 * scope already covers them. Does not audit; the caller does, in the same transaction.
 */
export async function locateByMrn(tx: Db, ctx: Ctx, mrn: string): Promise<{ id: string; inScope: boolean } | undefined> {
  const found = await repo.findByMrn(tx, ctx.actor.organizationId, mrn);
  if (!found) return undefined;
  const { inScope } = scopePredicates(ctx.actor, ctx.clock.now());
  const row = await repo.getRow(tx, ctx.actor.organizationId, found.id, inScope, sql`true`);
  return { id: found.id, inScope: Boolean(row?.inScope) };
}

/**
 * A patient's record. The read and its audit event are one statement (`auditedRead`, as the chart header): one
 * round trip instead of four (BEGIN, select, append, COMMIT), and no event when the patient is not there or not
 * the actor's.
 */
export async function getPatient(ctx: Ctx, id: string): Promise<PatientView> {
  assertCan(ctx.actor, 'patient.read');
  const { inScope, visible } = scopePredicates(ctx.actor, ctx.clock.now());
  const [found] = await auditedRead<repo.FullRow>(ctx.database, {
    rows: repo.patientRowSql(ctx.actor.organizationId, id, inScope, visible, null),
    event: { ...auditFieldsOf(ctx), action: 'patient.read', resourceType: 'patient', resourceId: id, patientId: id },
    breakGlass: sql`select not "inScope" from target`,
    when: 'found',
  });
  if (!found) throw new DomainError('NOT_FOUND', 'No such patient');
  return repo.toView(repo.normalizeFullRow(found));
}

async function readBack(tx: Db, ctx: Ctx, id: string): Promise<PatientView> {
  const row = await repo.getRow(tx, ctx.actor.organizationId, id, sql`true`, sql`true`);
  if (!row) throw new Error('patient vanished inside its own transaction');
  return repo.toView(row);
}

export async function createPatient(ctx: Ctx, input: PatientCreate): Promise<PatientView> {
  assertCan(ctx.actor, 'patient.create');
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await ctx.db.transaction(async (tx) => {
        await getLocationForActor(tx, ctx, input.locationId, 'locationId');
        if (input.mrn && (await repo.findByMrn(tx, ctx.actor.organizationId, input.mrn))) {
          throw new DomainError('DUPLICATE', 'Another patient has this MRN', [{ path: 'mrn', message: 'is already in use' }]);
        }
        const now = ctx.clock.now();
        const id = await repo.insertPatient(tx, {
          ...input,
          organizationId: ctx.actor.organizationId,
          mrn: input.mrn ?? (await repo.nextMrn(tx, ctx.actor.organizationId)),
          careStatus: 'pre_admission',
          createdAt: now,
          updatedAt: now,
        });
        await recordAudit(tx, ctx, { action: 'patient.create', resourceType: 'patient', resourceId: id, patientId: id });
        return readBack(tx, ctx, id);
      });
    } catch (err) {
      // Two admissions at once can draw the same generated MRN; the unique index refuses one, which retries.
      if (isUniqueViolation(err) && !input.mrn && attempt < 3) continue;
      if (isUniqueViolation(err))
        throw new DomainError('DUPLICATE', 'Another patient has this MRN', [{ path: 'mrn', message: 'is already in use' }]);
      throw err;
    }
  }
}

export async function updatePatient(ctx: Ctx, id: string, version: number, patch: PatientUpdate): Promise<PatientView> {
  assertCan(ctx.actor, 'patient.update');
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadVisible(tx, ctx, id);
    if (row.version !== version)
      throw new DomainError('PRECONDITION_FAILED', 'The patient was changed by someone else; reload and try again');
    if (patch.locationId && patch.locationId !== row.locationId) await getLocationForActor(tx, ctx, patch.locationId, 'locationId');
    if (patch.mrn && patch.mrn !== row.mrn && (await repo.findByMrn(tx, ctx.actor.organizationId, patch.mrn))) {
      throw new DomainError('DUPLICATE', 'Another patient has this MRN', [{ path: 'mrn', message: 'is already in use' }]);
    }
    const ok = await repo.updatePatient(tx, ctx.actor.organizationId, id, version, patch, ctx.clock.now());
    if (!ok) throw new DomainError('PRECONDITION_FAILED', 'The patient was changed by someone else; reload and try again');
    await recordAudit(tx, ctx, {
      action: 'patient.update',
      resourceType: 'patient',
      resourceId: id,
      patientId: id,
      breakGlass,
      details: { fields: Object.keys(patch).sort() },
    });
    return readBack(tx, ctx, id);
  });
}
