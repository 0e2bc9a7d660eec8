import QRCode from 'qrcode';
import {
  DEFAULT_CRAVING_THRESHOLD,
  DomainError,
  localDate,
  type AssignmentCreate,
  type AssignmentView,
  type MeasureSettingsView,
  type MeasuresLinkCreate,
  type MeasuresLinkView,
  type MeasuresOverview,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { appendAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';
import { loadVisible } from '../patients/patients.service';
import { whoOf } from '../tasks/tasks.service';
import * as repo from './measures.repo';
import { answeredDatesOf, assignmentView, checkinView, graceFor, trendsOf } from './measures.views';

/** Where the person's measures link points; the token travels only in this URL and is stored as its hash. */
export const meUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/$/, '')}/me/${token}`;

const RECENT_CHECKINS = 30;

async function viewsOf(tx: Db, organizationId: string, patientId: string, zone: string, today: string, rows: repo.AssignmentRow[]) {
  const [scores, checkins] = await Promise.all([
    repo.completedScores(tx, organizationId, [patientId]),
    repo.checkinDates(tx, organizationId, [patientId]),
  ]);
  const answered = answeredDatesOf(scores, checkins, () => zone);
  return { scores, views: rows.map((r) => assignmentView(r, answered.get(`${patientId}:${r.measure}`) ?? [], today)) };
}

export async function settingsOf(tx: Db, organizationId: string, patientId: string): Promise<MeasureSettingsView> {
  const row = await repo.findSettings(tx, organizationId, patientId);
  return row
    ? { cravingThreshold: row.cravingThreshold, version: row.version }
    : { cravingThreshold: DEFAULT_CRAVING_THRESHOLD, version: 0 };
}

/** The chart's measurement-based care section: assignments and what is due, trends, recent check-ins, settings, link. */
export async function getOverview(ctx: Ctx, patientId: string): Promise<MeasuresOverview> {
  assertCan(ctx.actor, 'checkin.read');
  assertCan(ctx.actor, 'instrument.read');
  const org = ctx.actor.organizationId;
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    const now = ctx.clock.now();
    const zone = await repo.patientZone(tx, org, patientId);
    const today = localDate(now, zone);
    const rows = await repo.listAssignments(tx, org, patientId);
    const { scores, views } = await viewsOf(tx, org, patientId, zone, today, rows);
    const checkins = await repo.recentCheckins(tx, org, patientId, RECENT_CHECKINS);
    const link = await repo.findLiveLink(tx, org, patientId, now);
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'measures.read',
      resourceType: 'measures',
      patientId,
      breakGlass,
      details: { assignments: rows.length, scores: scores.length, checkins: checkins.length },
    });
    return {
      today,
      timeZone: zone,
      assignments: views,
      trends: trendsOf(scores),
      checkins: checkins.map(checkinView),
      settings: await settingsOf(tx, org, patientId),
      link: link
        ? {
            id: link.id,
            createdAt: link.createdAt.toISOString(),
            expiresAt: link.expiresAt.toISOString(),
            lastUsedAt: link.lastUsedAt?.toISOString() ?? null,
          }
        : null,
    };
  });
}

/** Assigns an instrument or the daily check-in on a cadence. */
export async function assignMeasure(ctx: Ctx, patientId: string, input: AssignmentCreate): Promise<AssignmentView> {
  assertCan(ctx.actor, 'measure.assign');
  const org = ctx.actor.organizationId;
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    const now = ctx.clock.now();
    const zone = await repo.patientZone(tx, org, patientId);
    const today = localDate(now, zone);
    const live = (await repo.listAssignments(tx, org, patientId)).filter(
      (a) => a.measure === input.measure && (a.endDate === null || a.endDate >= today),
    );
    if (live.length)
      throw new DomainError('CONFLICT', 'This measure is already assigned; stop the current assignment first', [
        { path: 'measure', message: 'is already assigned' },
      ]);
    const row = await repo.insertAssignment(tx, {
      organizationId: org,
      patientId,
      measure: input.measure,
      cadence: input.cadence.kind,
      intervalDays: input.cadence.kind === 'every_n_days' ? input.cadence.days : null,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      graceDays: graceFor(input.cadence, input.graceDays),
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'measure.assign',
      resourceType: 'measure_assignment',
      resourceId: row.id,
      patientId,
      breakGlass,
      details: {
        measure: row.measure,
        cadence: row.cadence,
        intervalDays: row.intervalDays,
        startDate: row.startDate,
        endDate: row.endDate,
      },
    });
    const { views } = await viewsOf(tx, org, patientId, zone, today, [row]);
    return views[0] as AssignmentView;
  });
}

/** Stops an assignment: it ends on the given date (today by default) and nothing is due after it. */
export async function stopMeasure(
  ctx: Ctx,
  patientId: string,
  id: string,
  version: number,
  endDate: string | undefined,
): Promise<AssignmentView> {
  assertCan(ctx.actor, 'measure.assign');
  const org = ctx.actor.organizationId;
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    const found = await repo.findAssignment(tx, org, patientId, id);
    if (!found) throw new DomainError('NOT_FOUND', 'No such assignment');
    const now = ctx.clock.now();
    const zone = await repo.patientZone(tx, org, patientId);
    const today = localDate(now, zone);
    if (found.endDate !== null && found.endDate < today) throw new DomainError('CONFLICT', 'This assignment has already ended');
    const end = endDate ?? today;
    if (end < found.startDate)
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'endDate', message: 'must be on or after the start date' }]);
    if (found.version !== version)
      throw new DomainError('PRECONDITION_FAILED', 'The assignment was changed by someone else; reload and try again');
    const row = await repo.stopAssignment(tx, org, id, version, { endDate: end, stoppedBy: ctx.actor.userId, updatedAt: now });
    if (!row) throw new DomainError('PRECONDITION_FAILED', 'The assignment was changed by someone else; reload and try again');
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'measure.stop',
      resourceType: 'measure_assignment',
      resourceId: id,
      patientId,
      breakGlass,
      details: { measure: row.measure, endDate: end },
    });
    const { views } = await viewsOf(tx, org, patientId, zone, today, [row]);
    return views[0] as AssignmentView;
  });
}

/** Sets the person's craving threshold (If-Match on the settings' version; 0 while the default applies). */
export async function updateSettings(ctx: Ctx, patientId: string, version: number, cravingThreshold: number): Promise<MeasureSettingsView> {
  assertCan(ctx.actor, 'measure.assign');
  const org = ctx.actor.organizationId;
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    const before = await settingsOf(tx, org, patientId);
    if (before.version !== version)
      throw new DomainError('PRECONDITION_FAILED', 'The settings were changed by someone else; reload and try again');
    const next = await repo.saveSettings(tx, org, patientId, version, {
      cravingThreshold,
      updatedBy: ctx.actor.userId,
      at: ctx.clock.now(),
    });
    if (next === undefined) throw new DomainError('PRECONDITION_FAILED', 'The settings were changed by someone else; reload and try again');
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'measure_settings.update',
      resourceType: 'measure_settings',
      patientId,
      breakGlass,
      details: { fields: ['cravingThreshold'], cravingThreshold },
    });
    return { cravingThreshold, version: next };
  });
}

/** Creates the person's standing measures link, revoking any earlier one. The token is shown once. */
export async function createMeasuresLink(ctx: Ctx, patientId: string, input: MeasuresLinkCreate): Promise<MeasuresLinkView> {
  assertCan(ctx.actor, 'measure.assign');
  const token = randomToken(32);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
  const org = ctx.actor.organizationId;
  const id = await ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    const revoked = await repo.revokeLinks(tx, org, patientId, ctx.actor.userId, now);
    const linkId = await repo.insertLink(tx, {
      organizationId: org,
      patientId,
      tokenHash: sha256(token),
      createdBy: ctx.actor.userId,
      createdAt: now,
      expiresAt,
    });
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'measure_link.create',
      resourceType: 'measure_link',
      resourceId: linkId,
      patientId,
      breakGlass,
      details: { expiresAt: expiresAt.toISOString(), revoked },
    });
    return linkId;
  });
  const url = meUrl(ctx.publicUrl, token);
  const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { id, url, qrSvg, expiresAt: expiresAt.toISOString() };
}

/** Revokes the person's measures link at once: the page answers 404 from then on. */
export async function revokeMeasuresLink(ctx: Ctx, patientId: string): Promise<{ revoked: number }> {
  assertCan(ctx.actor, 'measure.assign');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    const revoked = await repo.revokeLinks(tx, ctx.actor.organizationId, patientId, ctx.actor.userId, ctx.clock.now());
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'measure_link.revoke',
      resourceType: 'measure_link',
      patientId,
      breakGlass,
      details: { revoked },
    });
    return { revoked: revoked.length };
  });
}
