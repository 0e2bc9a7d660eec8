import {
  checkinAlertReasons,
  checkinAlertTitle,
  DomainError,
  instruments,
  isInstrumentMeasure,
  isOpen,
  localDate,
  type Answers,
  type CheckinSubmit,
  type MeView,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { appendAudit } from '../../platform/audit';
import { sha256 } from '../../platform/crypto';
import { definitionView, recordPersonAnswers, scoreOrThrow } from '../instruments/instruments.service';
import { publicWho, type PublicClient } from '../instruments/phone-links.service';
import { currentSignedPlanForPerson } from '../plans/plans.service';
import { currentPlanForPerson } from '../relapse-plans/relapse-plans.service';
import { raiseCareTask } from '../tasks/tasks.service';
import * as repo from './measures.repo';
import { settingsOf } from './measures.service';
import { answeredDatesOf, assignmentView } from './measures.views';

type Found = NonNullable<Awaited<ReturnType<typeof repo.findLinkByHash>>>;

/** Unknown and revoked links answer 404 (nothing to tell apart); an expired one 410 so the page can say so. */
function usable(found: Found | undefined, now: Date): Found {
  if (!found || found.link.revokedAt)
    throw new DomainError('NOT_FOUND', 'This link is not valid. Please ask your care team for a new one.');
  if (found.link.expiresAt <= now) throw new DomainError('LINK_EXPIRED', 'This link has expired. Please ask your care team for a new one.');
  return found;
}

/** The person's standing link for other features' `/me/:token` routes: the same rules (unknown or revoked 404, expired 410). */
export async function personLink(tx: Db, token: string, now: Date, lock: boolean): Promise<Found> {
  return usable(await repo.findLinkByHash(tx, sha256(token), lock), now);
}

/** The person's assignments with where each stands today. */
async function standing(tx: Db, found: Found, now: Date) {
  const { organizationId, patientId } = found.link;
  const today = localDate(now, found.timeZone);
  const rows = await repo.listAssignments(tx, organizationId, patientId);
  const [scores, checkins] = await Promise.all([
    repo.completedScores(tx, organizationId, [patientId]),
    repo.checkinDates(tx, organizationId, [patientId]),
  ]);
  const answered = answeredDatesOf(scores, checkins, () => found.timeZone);
  return { today, views: rows.map((r) => assignmentView(r, answered.get(`${patientId}:${r.measure}`) ?? [], today)) };
}

/** What the person's page shows: their first name, the measures due now, and the daily check-in. */
export async function openMe(c: PublicClient, token: string): Promise<MeView> {
  return c.database.db.transaction(async (tx) => {
    const now = c.clock.now();
    const found = usable(await repo.findLinkByHash(tx, sha256(token), false), now);
    const { today, views } = await standing(tx, found, now);
    const due = views.filter((v) => isInstrumentMeasure(v.measure) && isOpen(v.status));
    const checkin = views.find((v) => v.measure === 'daily_checkin' && v.status.state !== 'ended' && v.status.state !== 'scheduled');
    const relapsePlan = await currentPlanForPerson(tx, found.link.organizationId, found.link.patientId);
    const treatmentPlan = await currentSignedPlanForPerson(tx, found.link.organizationId, found.link.patientId);
    await repo.touchLink(tx, found.link.organizationId, found.link.id, now);
    await appendAudit(tx, {
      ...publicWho(c, found.link.organizationId),
      action: 'measure_link.open',
      resourceType: 'measure_link',
      resourceId: found.link.id,
      patientId: found.link.patientId,
      details: {
        via: 'measures-link',
        linkId: found.link.id,
        due: due.length,
        relapsePlanVersion: relapsePlan?.number ?? null,
        treatmentPlanVersion: treatmentPlan?.number ?? null,
      },
    });
    return {
      firstName: found.preferredName ?? found.givenName,
      organizationName: found.organizationName,
      expiresAt: found.link.expiresAt.toISOString(),
      today,
      relapsePlan,
      treatmentPlan,
      measures: {
        due: due.map((v) => ({
          assignmentId: v.id,
          state: v.status.state === 'missed' ? ('missed' as const) : ('due' as const),
          dueDate: v.status.dueDate ?? today,
          instrument: definitionView(instruments[v.measure as keyof typeof instruments]),
        })),
        checkin: checkin
          ? { assignmentId: checkin.id, doneToday: checkin.status.state === 'done', cravingScale: { min: 0, max: 10 } }
          : null,
      },
    };
  });
}

/**
 * Answers to a due instrument from the person's page: validated per item and scored like a staff submission
 * (safety and worsening tasks included) in one transaction. The link stays usable for the next measure.
 */
export async function submitMeInstrument(
  c: PublicClient,
  token: string,
  assignmentId: string,
  answers: Answers,
): Promise<{ status: 'completed' | 'incomplete' }> {
  return c.database.db.transaction(async (tx) => {
    const now = c.clock.now();
    const found = usable(await repo.findLinkByHash(tx, sha256(token), true), now);
    const { link } = found;
    const { views } = await standing(tx, found, now);
    const view = views.find((v) => v.id === assignmentId);
    if (!view || !isInstrumentMeasure(view.measure)) throw new DomainError('NOT_FOUND', 'No such measure');
    if (!isOpen(view.status)) throw new DomainError('CONFLICT', 'This measure is not due now');
    const def = instruments[view.measure];
    const score = scoreOrThrow(def, answers, { sexAssignedAtBirth: found.sexAssignedAtBirth });
    const who = publicWho(c, link.organizationId);
    await recordPersonAnswers(tx, who, {
      patientId: link.patientId,
      episodeId: found.currentEpisodeId,
      def,
      answers,
      score,
      details: { via: 'measures-link', linkId: link.id, assignmentId },
    });
    await repo.touchLink(tx, link.organizationId, link.id, now);
    return { status: score.complete ? 'completed' : 'incomplete' };
  });
}

/**
 * A daily check-in from the person's page. The device's `clientId` makes it idempotent: a retry returns the
 * stored check-in and writes nothing. Craving at or above the person's threshold, or use reported, raises a
 * `checkin_alert` task for the care team in the same transaction.
 */
export async function submitCheckin(c: PublicClient, token: string, input: CheckinSubmit): Promise<{ id: string; duplicate: boolean }> {
  return c.database.db.transaction(async (tx) => {
    const now = c.clock.now();
    const found = usable(await repo.findLinkByHash(tx, sha256(token), true), now);
    const { link } = found;
    const prior = await repo.findCheckinByClientId(tx, link.organizationId, link.patientId, input.clientId);
    if (prior) return { id: prior.id, duplicate: true };
    const { views } = await standing(tx, found, now);
    if (!views.some((v) => v.measure === 'daily_checkin' && v.status.state !== 'ended' && v.status.state !== 'scheduled'))
      throw new DomainError('CONFLICT', 'No daily check-in is assigned');
    const { cravingThreshold } = await settingsOf(tx, link.organizationId, link.patientId);
    const row = await repo.insertCheckin(tx, {
      organizationId: link.organizationId,
      patientId: link.patientId,
      clientId: input.clientId,
      localDate: localDate(now, found.timeZone),
      mood: input.mood,
      craving: input.craving,
      sleepHours: input.sleepHours ?? null,
      sleepQuality: input.sleepQuality ?? null,
      usedSinceLast: input.usedSinceLast,
      usedWhat: input.usedSinceLast ? (input.usedWhat ?? null) : null,
      note: input.note ?? null,
      cravingThreshold,
      linkId: link.id,
      submittedAt: now,
    });
    if (!row) {
      const raced = await repo.findCheckinByClientId(tx, link.organizationId, link.patientId, input.clientId);
      if (!raced) throw new DomainError('CONFLICT', 'Retry the request');
      return { id: raced.id, duplicate: true };
    }
    const who = publicWho(c, link.organizationId);
    const reasons = checkinAlertReasons(input, cravingThreshold);
    let taskId: string | null = null;
    if (reasons.length) {
      taskId = await raiseCareTask(tx, who, {
        kind: 'checkin_alert',
        priority: reasons.includes('use') ? 'urgent' : 'normal',
        patientId: link.patientId,
        title: checkinAlertTitle(reasons),
        details: { reasons, checkinId: row.id },
        source: { type: 'daily_checkin', id: row.id },
        dueAt: now,
      });
      await repo.setCheckinTask(tx, link.organizationId, row.id, taskId);
    }
    await repo.touchLink(tx, link.organizationId, link.id, now);
    await appendAudit(tx, {
      ...who,
      action: 'checkin.submit',
      resourceType: 'daily_checkin',
      resourceId: row.id,
      patientId: link.patientId,
      details: { via: 'measures-link', linkId: link.id, alertTaskId: taskId },
    });
    return { id: row.id, duplicate: false };
  });
}
