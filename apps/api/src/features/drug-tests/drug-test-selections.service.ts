import {
  addDays,
  DomainError,
  FOR_CAUSE_MAX_DAYS_AHEAD,
  type DrugTestForCauseCreate,
  type DrugTestSelectionUpdate,
  type DrugTestSelectionView,
} from '@openiop/core';
import { recordAudit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { isUniqueViolation } from '../../platform/errors';
import { withPatient, type PatientTx } from '../clinical/with-patient';
import { raiseCareTask, taskRaisedFor, whoOf } from '../tasks/tasks.service';
import * as repo from './drug-tests.repo';
import { selectionView } from './drug-tests.views';

const FOLLOW_UP_MS = 24 * 60 * 60 * 1000;
const SOURCE = 'drug_test_selection';

/**
 * Selections a staff member makes or settles by hand (issue 6 item 5): a person selected for cause (what was seen,
 * e.g. signs of use), and what became of a selection no specimen came for — missed, refused, or excused with why —
 * with `pending` to correct a mistake; a missed or refused one raises an outreach task. A selection with a specimen
 * is settled by that collection and cannot change.
 */

async function selection(p: PatientTx, ctx: Ctx, patientId: string, id: string): Promise<repo.SelectionRow> {
  const [row] = await repo.patientSelections(p.tx, ctx.actor.organizationId, patientId, id);
  if (!row) throw new DomainError('NOT_FOUND', 'No such drug-test selection');
  return row;
}

const audit = (p: PatientTx, ctx: Ctx, action: string, patientId: string, resourceId: string, details: Record<string, unknown>) =>
  recordAudit(p.tx, ctx, { action, resourceType: 'drug_test_selection', resourceId, patientId, breakGlass: p.breakGlass, details });

/** Selects the person for a test for cause, today or up to two weeks ahead in the clinic's zone, at their location. */
export async function selectForCause(ctx: Ctx, patientId: string, input: DrugTestForCauseCreate): Promise<DrugTestSelectionView> {
  try {
    return await withPatient(ctx, patientId, 'drug_test.collect', async (p) => {
      const org = ctx.actor.organizationId;
      if (input.day < p.today)
        throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'day', message: 'must be today or later in the clinic' }]);
      if (input.day > addDays(p.today, FOR_CAUSE_MAX_DAYS_AHEAD))
        throw new DomainError('VALIDATION_FAILED', undefined, [
          { path: 'day', message: `must be within ${FOR_CAUSE_MAX_DAYS_AHEAD} days of today` },
        ]);
      const now = ctx.clock.now();
      const id = await repo.insertSelection(p.tx, {
        organizationId: org,
        locationId: await repo.patientLocation(p.tx, org, patientId),
        patientId,
        day: input.day,
        reason: 'for_cause',
        cause: input.cause,
        createdAt: now,
        updatedAt: now,
      });
      // The cause is clinical text: the event says a cause was given, not what it is.
      await audit(p, ctx, 'drug_test_selection.create', patientId, id, { day: input.day, reason: 'for_cause' });
      return selectionView(await selection(p, ctx, patientId, id));
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError('CONFLICT', 'This person is already selected for a test that day', [
        { path: 'day', message: 'already has a selection for this person' },
      ]);
    throw e;
  }
}

/** Marks a selection missed, refused or excused (with why), or back to pending (If-Match). */
export async function updateSelection(
  ctx: Ctx,
  patientId: string,
  id: string,
  version: number,
  input: DrugTestSelectionUpdate,
): Promise<DrugTestSelectionView> {
  return withPatient(ctx, patientId, 'drug_test.collect', async (p) => {
    const row = await selection(p, ctx, patientId, id);
    if (row.s.status === 'collected' || row.collectionId)
      throw new DomainError('CONFLICT', 'A specimen was collected for this selection', [
        { path: 'status', message: 'is settled by its collection' },
      ]);
    if (row.s.version !== version) throw new DomainError('PRECONDITION_FAILED');
    if (input.status !== 'pending' && row.s.day > p.today)
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'status', message: 'can be recorded on the day or after' }]);
    const note = input.status === 'pending' ? null : input.note;
    if (!(await repo.setSelectionOutcome(p.tx, ctx.actor.organizationId, id, version, { status: input.status, note }, ctx.clock.now())))
      throw new DomainError('PRECONDITION_FAILED');
    await audit(p, ctx, 'drug_test_selection.update', patientId, id, { from: row.s.status, to: input.status });
    // A missed or refused test is followed up like a missed session: once per selection, by the primary clinician.
    if (
      (input.status === 'missed' || input.status === 'refused') &&
      !(await taskRaisedFor(p.tx, ctx.actor.organizationId, 'outreach', { type: SOURCE, id }))
    )
      await raiseCareTask(p.tx, whoOf(ctx), {
        kind: 'outreach',
        priority: 'normal',
        patientId,
        title: `Follow up a ${input.status} drug test`,
        details: { selectionId: id, day: row.s.day },
        source: { type: SOURCE, id },
        dueAt: new Date(ctx.clock.now().getTime() + FOLLOW_UP_MS),
      });
    return selectionView(await selection(p, ctx, patientId, id));
  });
}

/** The person's selections for their history, newest day first. */
export async function selectionsOf(p: PatientTx, ctx: Ctx, patientId: string): Promise<DrugTestSelectionView[]> {
  return (await repo.patientSelections(p.tx, ctx.actor.organizationId, patientId)).map(selectionView);
}
