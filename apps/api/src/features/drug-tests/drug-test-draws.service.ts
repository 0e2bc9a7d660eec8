import {
  DomainError,
  drawDay,
  localDate,
  weekdayOf,
  type DrugTestDrawView,
  type DrugTestRates,
  type DrugTestSelectionList,
  type DrugTestSettingsInput,
  type DrugTestSettingsView,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { appendAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { randomToken } from '../../platform/crypto';
import { isUniqueViolation } from '../../platform/errors';
import { scopePredicates } from '../patients/patients.scope';
import { whoOf, type AuditWho } from '../tasks/tasks.service';
import * as repo from './drug-tests.repo';
import { nameOf, selectionView } from './drug-tests.views';

/**
 * Random drug-test selection at a location (issue 6 item 5): the director sets tests a week by phase; each
 * collection day the draw runs once — at the start of the clinic day by the job, or by a director — for today
 * only, so nobody learns a future day's list. The secret behind the draw is made here and never leaves the server.
 */

/** Phase 1 about twice a week, phase 2 weekly, phase 3 (step-down) every other week; weekdays. */
export const DEFAULT_RATES: DrugTestRates = {
  ratesByPhase: { '1': 2, '2': 1, '3': 0.5 },
  defaultRatePerWeek: 1,
  collectionWeekdays: [0, 1, 2, 3, 4],
};

const notFound = () => new DomainError('NOT_FOUND', 'No such location');

async function location(db: Db, ctx: Ctx, id: string) {
  const row = await repo.findLocation(db, ctx.actor.organizationId, id);
  if (!row) throw notFound();
  return row;
}

const ratesOf = (s: repo.SettingsRow | undefined): DrugTestRates =>
  s ? { ratesByPhase: s.ratesByPhase, defaultRatePerWeek: s.defaultRatePerWeek, collectionWeekdays: s.collectionWeekdays } : DEFAULT_RATES;

async function settingsView(db: Db, ctx: Ctx, locationId: string, s: repo.SettingsRow | undefined): Promise<DrugTestSettingsView> {
  return {
    locationId,
    configured: !!s,
    phases: await repo.phasesOf(db, ctx.actor.organizationId, locationId),
    ...ratesOf(s),
    version: s?.version ?? 0,
  };
}

/** The location's rates (the defaults, version 0, until first saved); never the secret. */
export async function getSettings(ctx: Ctx, locationId: string): Promise<DrugTestSettingsView> {
  assertCan(ctx.actor, 'drug_test.read');
  return ctx.db.transaction(async (tx) => {
    await location(tx, ctx, locationId);
    return settingsView(tx, ctx, locationId, await repo.findSettings(tx, ctx.actor.organizationId, locationId));
  });
}

/** Saves the rates (`If-Match: "0"` the first time, which also makes the location's secret). */
export async function putSettings(
  ctx: Ctx,
  locationId: string,
  version: number,
  input: DrugTestSettingsInput,
): Promise<DrugTestSettingsView> {
  assertCan(ctx.actor, 'drug_test.manage');
  const stale = () =>
    new DomainError('PRECONDITION_FAILED', 'The drug-testing settings were changed by someone else; reload and try again');
  try {
    return await ctx.db.transaction(async (tx) => {
      await location(tx, ctx, locationId);
      const org = ctx.actor.organizationId;
      const current = await repo.findSettings(tx, org, locationId);
      if ((current?.version ?? 0) !== version) throw stale();
      const now = ctx.clock.now();
      const collectionWeekdays = [...input.collectionWeekdays].sort((a, b) => a - b);
      if (current) {
        if (!(await repo.updateSettings(tx, org, current.id, version, { ...input, collectionWeekdays, updatedAt: now }))) throw stale();
      } else
        await repo.insertSettings(tx, {
          organizationId: org,
          locationId,
          ...input,
          collectionWeekdays,
          secret: randomToken(32),
          createdAt: now,
          updatedAt: now,
        });
      await appendAudit(tx, {
        ...whoOf(ctx),
        action: current ? 'drug_test_settings.update' : 'drug_test_settings.create',
        resourceType: 'drug_test_settings',
        resourceId: locationId,
        details: { ...input, collectionWeekdays },
      });
      return settingsView(tx, ctx, locationId, await repo.findSettings(tx, org, locationId));
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw stale();
    throw e;
  }
}

/**
 * Draws one day at one location inside `tx`: eligible people, their chance, who is selected (as pending selections)
 * and the log. Shared by the director's draw and the automatic one (`who.actorUserId` null). Audits the draw (ids
 * and counts) and one selection event per person selected.
 */
export async function drawAt(tx: Db, who: AuditWho, loc: { id: string }, settings: repo.SettingsRow, day: string): Promise<string> {
  const org = who.organizationId;
  if (await repo.findDraw(tx, org, loc.id, day)) throw new DomainError('ALREADY_DRAWN');
  const eligible = await repo.eligibleOn(tx, org, loc.id, day);
  const draw = drawDay({ secret: settings.secret, day, weekday: weekdayOf(day), rates: ratesOf(settings), eligible });
  const id = await repo.insertDraw(tx, {
    organizationId: org,
    locationId: loc.id,
    day,
    drawnBy: who.actorUserId,
    drawnAt: who.occurredAt,
    log: {
      collectionDay: draw.collectionDay,
      settingsVersion: settings.version,
      eligible: draw.entries.map((e) => e.patientId),
      selected: draw.selected,
      probabilities: Object.fromEntries(draw.entries.map((e) => [e.patientId, e.p])),
      phases: Object.fromEntries(draw.entries.map((e) => [e.patientId, e.phase])),
      rates: Object.fromEntries(draw.entries.map((e) => [e.patientId, e.ratePerWeek])),
    },
  });
  const inserted = await repo.insertSelections(
    tx,
    draw.selected.map((patientId) => ({
      organizationId: org,
      locationId: loc.id,
      drawId: id,
      patientId,
      day,
      reason: 'random' as const,
      createdAt: who.occurredAt,
      updatedAt: who.occurredAt,
    })),
  );
  await appendAudit(tx, {
    ...who,
    action: 'drug_test_draw.create',
    resourceType: 'drug_test_draw',
    resourceId: id,
    details: {
      locationId: loc.id,
      day,
      eligible: draw.entries.length,
      selected: draw.selected.length,
      automatic: who.actorUserId === null,
    },
  });
  for (const patientId of inserted)
    await appendAudit(tx, {
      ...who,
      action: 'drug_test_selection.create',
      resourceType: 'drug_test_draw',
      resourceId: id,
      patientId,
      details: { day, reason: 'random' },
    });
  return id;
}

/** A director's draw: today only in the clinic's zone (a future day would let someone know in advance). */
export async function draw(ctx: Ctx, locationId: string, day: string): Promise<DrugTestDrawView> {
  assertCan(ctx.actor, 'drug_test.manage');
  try {
    return await ctx.db.transaction(async (tx) => {
      const loc = await location(tx, ctx, locationId);
      const today = localDate(ctx.clock.now(), loc.timeZone);
      if (day !== today)
        throw new DomainError('VALIDATION_FAILED', undefined, [
          { path: 'day', message: day > today ? 'a future day cannot be drawn: draw on the day' : "only today's selection can be drawn" },
        ]);
      const settings = await repo.findSettings(tx, ctx.actor.organizationId, locationId);
      if (!settings)
        throw new DomainError('VALIDATION_FAILED', 'Set the drug-testing rates first', [
          { path: 'day', message: 'no drug-testing rates at this location' },
        ]);
      if (!settings.collectionWeekdays.includes(weekdayOf(day)))
        throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'day', message: 'not a collection day at this location' }]);
      await drawAt(tx, whoOf(ctx), loc, settings, day);
      return readDraw(tx, ctx, locationId, day);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('ALREADY_DRAWN');
    throw e;
  }
}

async function readDraw(tx: Db, ctx: Ctx, locationId: string, day: string): Promise<DrugTestDrawView> {
  const row = await repo.findDraw(tx, ctx.actor.organizationId, locationId, day);
  if (!row) throw new DomainError('NOT_FOUND', 'No draw on that day');
  const log = row.log as {
    collectionDay?: boolean;
    eligible?: string[];
    selected?: string[];
    probabilities?: Record<string, number>;
    phases?: Record<string, number | null>;
    rates?: Record<string, number>;
  };
  const eligible = log.eligible ?? [];
  const selected = new Set(log.selected ?? []);
  const { visible } = scopePredicates(ctx.actor, ctx.clock.now());
  const seen = new Map((await repo.visiblePatients(tx, ctx.actor.organizationId, eligible, visible)).map((p) => [p.id, p]));
  await appendAudit(tx, {
    ...whoOf(ctx),
    action: 'drug_test_draw.read',
    resourceType: 'drug_test_draw',
    resourceId: row.id,
    details: { day, shownPatientIds: [...seen.keys()].sort() },
  });
  return {
    id: row.id,
    locationId,
    day: row.day,
    drawnAt: row.drawnAt.toISOString(),
    drawnBy: row.drawnBy && row.drawnByName ? { id: row.drawnBy, name: row.drawnByName } : null,
    collectionDay: log.collectionDay ?? false,
    entries: eligible.map((pid) => {
      const p = seen.get(pid);
      return {
        patient: { id: pid, name: p ? nameOf(p) : null, mrn: p?.mrn ?? null },
        phase: log.phases?.[pid] ?? null,
        ratePerWeek: log.rates?.[pid] ?? 0,
        p: log.probabilities?.[pid] ?? 0,
        selected: selected.has(pid),
      };
    }),
    eligibleCount: eligible.length,
    selectedCount: selected.size,
  };
}

/** The day's draw log: every eligible id with its chance, names for people in the reader's scope. Audited. */
export async function getDraw(ctx: Ctx, locationId: string, day: string): Promise<DrugTestDrawView> {
  assertCan(ctx.actor, 'drug_test.read');
  return ctx.db.transaction(async (tx) => {
    await location(tx, ctx, locationId);
    return readDraw(tx, ctx, locationId, day);
  });
}

/** Who is to be tested on a day (random and for cause), for the people the reader may see. Audited. */
export async function listSelections(ctx: Ctx, locationId: string, day: string): Promise<DrugTestSelectionList> {
  assertCan(ctx.actor, 'drug_test.read');
  return ctx.db.transaction(async (tx) => {
    await location(tx, ctx, locationId);
    const org = ctx.actor.organizationId;
    const { visible } = scopePredicates(ctx.actor, ctx.clock.now());
    const rows = await repo.listSelections(tx, org, locationId, day, visible);
    const drawn = await repo.findDraw(tx, org, locationId, day);
    const settings = await repo.findSettings(tx, org, locationId);
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'drug_test_selection.list',
      resourceType: 'drug_test_selection',
      details: { locationId, day, patientIds: rows.map((r) => r.s.patientId) },
    });
    return {
      day,
      drawn: !!drawn,
      collectionDay: ratesOf(settings).collectionWeekdays.includes(weekdayOf(day)),
      items: rows.map(selectionView),
    };
  });
}
