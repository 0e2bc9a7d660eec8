import {
  addDays,
  authorizationUse,
  authorizationWarnings,
  DomainError,
  type AuthorizationCreate,
  type AuthorizationFacts,
  type AuthorizationUpdate,
  type AuthorizationView,
  type AuthorizationWarningView,
  type BillingFacts,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { withPatient, type PatientTx } from '../clinical/with-patient';
import * as repo from './authorizations.repo';

/**
 * Issue 5 item 6: payers' authorizations on the chart (`authorization.read` / `authorization.write`), and the
 * warnings scheduling shows when a person's sessions go past one's units or dates. Every read and write is audited
 * in its own transaction; the person's scope decides, as for the rest of the chart.
 */

/** How far past an authorization's end its sessions are looked at (a booked session after the end is a warning). */
const LOOK_AHEAD_DAYS = 366;

const facts = (r: repo.AuthorizationRow): AuthorizationFacts => ({
  id: r.id,
  payer: r.payer,
  serviceCodes: r.serviceCodes,
  unitsAuthorized: r.unitsAuthorized,
  unitsUsed: r.unitsUsed,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
});

const span = (rows: readonly repo.AuthorizationRow[], today: string) => ({
  from: rows.reduce((m, r) => (r.startsOn < m ? r.startsOn : m), today),
  to: addDays(
    rows.reduce((m, r) => (r.endsOn > m ? r.endsOn : m), today),
    LOOK_AHEAD_DAYS,
  ),
});

const noFacts: BillingFacts = { levelOfCare: '2.1', perDiem: false };

async function views(p: PatientTx, ctx: Ctx, patientId: string, rows: repo.AuthorizationRow[]): Promise<AuthorizationView[]> {
  if (!rows.length) return [];
  const org = ctx.actor.organizationId;
  const billing = (await repo.billingFacts(p.tx, org, patientId)) ?? noFacts;
  const { from, to } = span(rows, p.today);
  const services = await repo.bookedServices(p.tx, org, [patientId], from, to);
  const all = rows.map(facts);
  const use = authorizationUse(all, services, billing, p.today);
  const warnings = authorizationWarnings(all, services, billing, p.today, { from: p.today, to });
  return rows.map((r) => {
    const u = use.find((x) => x.id === r.id);
    return {
      id: r.id,
      patientId: r.patientId,
      payer: r.payer,
      reference: r.reference,
      serviceCodes: r.serviceCodes,
      unitsAuthorized: r.unitsAuthorized,
      unitsRecorded: r.unitsUsed,
      unitsUsed: u?.unitsUsed ?? r.unitsUsed,
      unitsScheduled: u?.unitsScheduled ?? 0,
      unitsLeft: u?.unitsLeft ?? null,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      status: p.today < r.startsOn ? 'upcoming' : p.today > r.endsOn ? 'ended' : 'current',
      warnings: warnings.filter((w) => w.authorizationId === r.id).map((w) => w.message),
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

async function one(p: PatientTx, ctx: Ctx, patientId: string, id: string): Promise<repo.AuthorizationRow> {
  const row = await repo.findAuthorization(p.tx, ctx.actor.organizationId, patientId, id);
  if (!row) throw new DomainError('NOT_FOUND', 'No such authorization');
  return row;
}

async function viewOf(p: PatientTx, ctx: Ctx, patientId: string, id: string): Promise<AuthorizationView> {
  // Units are shared between a person's authorizations (the one ending first takes a session), so view it among all.
  const all = await repo.listAuthorizations(p.tx, ctx.actor.organizationId, [patientId]);
  const [view] = (await views(p, ctx, patientId, all)).filter((v) => v.id === id);
  if (!view) throw new DomainError('NOT_FOUND', 'No such authorization');
  return view;
}

export async function listAuthorizations(ctx: Ctx, patientId: string): Promise<{ items: AuthorizationView[] }> {
  return withPatient(ctx, patientId, 'authorization.read', async (p) => {
    const rows = await repo.listAuthorizations(p.tx, ctx.actor.organizationId, [patientId]);
    await recordAudit(p.tx, ctx, {
      action: 'authorization.list',
      resourceType: 'service_authorization',
      patientId,
      breakGlass: p.breakGlass,
      details: { count: rows.length },
    });
    const items = await views(p, ctx, patientId, rows);
    return { items: items.sort((a, b) => b.endsOn.localeCompare(a.endsOn) || a.id.localeCompare(b.id)) };
  });
}

export async function getAuthorization(ctx: Ctx, patientId: string, id: string): Promise<AuthorizationView> {
  return withPatient(ctx, patientId, 'authorization.read', async (p) => {
    await one(p, ctx, patientId, id);
    await recordAudit(p.tx, ctx, {
      action: 'authorization.read',
      resourceType: 'service_authorization',
      resourceId: id,
      patientId,
      breakGlass: p.breakGlass,
    });
    return viewOf(p, ctx, patientId, id);
  });
}

export async function createAuthorization(ctx: Ctx, patientId: string, input: AuthorizationCreate): Promise<AuthorizationView> {
  return withPatient(ctx, patientId, 'authorization.write', async (p) => {
    const now = ctx.clock.now();
    const row = await repo.insertAuthorization(p.tx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      payer: input.payer,
      reference: input.reference,
      serviceCodes: [...new Set(input.serviceCodes)],
      unitsAuthorized: input.unitsAuthorized,
      unitsUsed: input.unitsUsed,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(p.tx, ctx, {
      action: 'authorization.create',
      resourceType: 'service_authorization',
      resourceId: row.id,
      patientId,
      breakGlass: p.breakGlass,
    });
    return viewOf(p, ctx, patientId, row.id);
  });
}

/** Changes an authorization (If-Match); the dates are checked together with the stored ones. */
export async function updateAuthorization(
  ctx: Ctx,
  patientId: string,
  id: string,
  version: number,
  patch: AuthorizationUpdate,
): Promise<AuthorizationView> {
  return withPatient(ctx, patientId, 'authorization.write', async (p) => {
    const row = await one(p, ctx, patientId, id);
    const startsOn = patch.startsOn ?? row.startsOn;
    const endsOn = patch.endsOn ?? row.endsOn;
    if (endsOn < startsOn)
      throw new DomainError('VALIDATION_FAILED', undefined, [
        {
          path: patch.endsOn ? 'endsOn' : 'startsOn',
          message: patch.endsOn ? 'must be on or after the start date' : 'must be on or before the end date',
        },
      ]);
    const stale = () => new DomainError('PRECONDITION_FAILED', 'The authorization was changed by someone else; reload and try again');
    if (row.version !== version) throw stale();
    const updated = await repo.updateAuthorization(p.tx, ctx.actor.organizationId, id, version, {
      ...patch,
      ...(patch.serviceCodes ? { serviceCodes: [...new Set(patch.serviceCodes)] } : {}),
      updatedAt: ctx.clock.now(),
    });
    if (!updated) throw stale();
    await recordAudit(p.tx, ctx, {
      action: 'authorization.update',
      resourceType: 'service_authorization',
      resourceId: id,
      patientId,
      breakGlass: p.breakGlass,
      details: { fields: Object.keys(patch).sort() },
    });
    return viewOf(p, ctx, patientId, id);
  });
}

/** A person the schedule warns for: their billing facts and, optionally, the sessions to use in place of the stored ones. */
export interface WarnedPerson {
  patientId: string;
  billing: BillingFacts;
}

/**
 * Authorization warnings for people on a schedule, for the sessions in `range`: their stored sessions, with the
 * sessions in `replace` (the week on screen, perhaps changed by a move or a seat not yet saved) in place of the
 * stored ones with the same ids. Reads inside the caller's transaction; the caller audits the schedule read.
 */
export async function scheduleWarnings(
  tx: Db,
  organizationId: string,
  people: readonly WarnedPerson[],
  today: string,
  range: { from: string; to: string },
  replace?: { ids: ReadonlySet<string>; services: readonly repo.PersonService[] },
): Promise<AuthorizationWarningView[]> {
  const rows = await repo.listAuthorizations(
    tx,
    organizationId,
    people.map((p) => p.patientId),
  );
  if (!rows.length) return [];
  const withAuth = [...new Set(rows.map((r) => r.patientId))];
  const { from, to } = span(rows, range.to < today ? today : range.to);
  const stored = await repo.bookedServices(tx, organizationId, withAuth, from < range.from ? from : range.from, to);
  const services = replace ? [...stored.filter((s) => !replace.ids.has(s.id)), ...replace.services] : stored;
  const out: AuthorizationWarningView[] = [];
  for (const person of people) {
    const mine = rows.filter((r) => r.patientId === person.patientId);
    if (!mine.length) continue;
    const theirs = services.filter((s) => s.patientId === person.patientId);
    for (const w of authorizationWarnings(mine.map(facts), theirs, person.billing, today, range))
      out.push({ patientId: person.patientId, kind: w.kind, authorizationId: w.authorizationId, message: w.message });
  }
  return out;
}

/** A person's billing facts (level of care, per diem) for the warnings of a booking outside the week's planner. */
export async function billingFactsFor(tx: Db, organizationId: string, patientId: string): Promise<BillingFacts | undefined> {
  return repo.billingFacts(tx, organizationId, patientId);
}
