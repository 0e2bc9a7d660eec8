import {
  custodyProblems,
  DomainError,
  drugTestTrend,
  expectedClasses,
  localDate,
  needsReview,
  resultFlag,
  type CustodyEvent,
  type DrugTestCollectionCreate,
  type DrugTestCollectionView,
  type DrugTestHistory,
  type DrugTestResultsCreate,
} from '@openiop/core';
import { recordAudit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { isUniqueViolation } from '../../platform/errors';
import { withPatient, type PatientTx } from '../clinical/with-patient';
import { raiseCareTask, whoOf } from '../tasks/tasks.service';
import { selectionsOf } from './drug-test-selections.service';
import * as repo from './drug-tests.repo';
import { collectionView, custodyEventsOf, specimenCheckOf } from './drug-tests.views';

/**
 * A person's drug tests: the specimen collected (observed or not, custody id, temperature and validity), custody
 * hand-offs, results per substance class, and the review with the person. Nothing failed is dropped: a broken chain
 * of custody or an invalid specimen flags the specimen and every result for it, and the response says so.
 */

const REVIEW_DUE_MS = 2 * 24 * 60 * 60 * 1000;

async function one(p: PatientTx, ctx: Ctx, patientId: string, id: string): Promise<repo.CollectionRow> {
  const row = await repo.findCollection(p.tx, ctx.actor.organizationId, patientId, id);
  if (!row) throw new DomainError('NOT_FOUND', 'No such drug-test collection');
  return row;
}

async function viewOf(p: PatientTx, ctx: Ctx, patientId: string, id: string): Promise<DrugTestCollectionView> {
  const org = ctx.actor.organizationId;
  const c = await one(p, ctx, patientId, id);
  const [results, reviews, meds] = [
    await repo.resultsOf(p.tx, org, [id]),
    await repo.reviewsOf(p.tx, org, [id]),
    await repo.medicationsOf(p.tx, org, patientId),
  ];
  return collectionView(c, results, reviews, meds, p.timeZone);
}

const audit = (p: PatientTx, ctx: Ctx, action: string, patientId: string, resourceId: string, details: Record<string, unknown> = {}) =>
  recordAudit(p.tx, ctx, { action, resourceType: 'drug_test_collection', resourceId, patientId, breakGlass: p.breakGlass, details });

/** Records a specimen; `collected` opens its chain of custody. A selection given must be this person's and pending. */
export async function recordCollection(ctx: Ctx, patientId: string, input: DrugTestCollectionCreate): Promise<DrugTestCollectionView> {
  try {
    return await withPatient(ctx, patientId, 'drug_test.collect', async (p) => {
      const org = ctx.actor.organizationId;
      const now = ctx.clock.now();
      const collectedAt = input.collectedAt ? new Date(input.collectedAt) : now;
      if (collectedAt.getTime() > now.getTime() + 5 * 60 * 1000)
        throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'collectedAt', message: 'must not be in the future' }]);
      let locationId = await repo.patientLocation(p.tx, org, patientId);
      if (input.selectionId) {
        const sel = await repo.findSelection(p.tx, org, patientId, input.selectionId);
        if (!sel)
          throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'selectionId', message: "is not this person's selection" }]);
        if (sel.status !== 'pending')
          throw new DomainError('CONFLICT', 'This selection is no longer pending', [{ path: 'selectionId', message: `is ${sel.status}` }]);
        locationId = sel.locationId;
        await repo.markSelection(p.tx, org, sel.id, 'collected', now);
      }
      const validity = { ...input.validity, temperatureMinutes: input.temperatureMinutes };
      const check = specimenCheckOf({ specimenType: input.specimenType, temperatureC: input.temperatureC, validity });
      const events: CustodyEvent[] = [{ at: collectedAt.toISOString(), by: ctx.actor.userId, action: 'collected' }];
      const id = await repo.insertCollection(p.tx, {
        organizationId: org,
        patientId,
        locationId,
        selectionId: input.selectionId,
        collectedAt,
        collectorId: ctx.actor.userId,
        specimenType: input.specimenType,
        observed: input.observed,
        custodyId: input.custodyId,
        custodyEvents: events as unknown as Record<string, unknown>[],
        custodyIntact: true,
        temperatureC: input.temperatureC,
        validity,
        createdAt: now,
        updatedAt: now,
      });
      await audit(p, ctx, 'drug_test_collection.create', patientId, id, {
        selectionId: input.selectionId,
        specimenStatus: check.status,
        validityFlags: check.flags,
      });
      return viewOf(p, ctx, patientId, id);
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError('CONFLICT', 'That chain-of-custody id is already used', [
        { path: 'custodyId', message: 'is already used by another specimen' },
      ]);
    throw e;
  }
}

/**
 * Logs a custody hand-off or problem and/or lab validity values (If-Match). When custody breaks or the specimen
 * turns out invalid, results already recorded are flagged too.
 */
export async function updateCollection(
  ctx: Ctx,
  patientId: string,
  id: string,
  version: number,
  patch: {
    custodyEvent?: { action: Exclude<CustodyEvent['action'], 'collected'> } | undefined;
    validity?: Record<string, number | boolean | null> | undefined;
  },
): Promise<DrugTestCollectionView> {
  return withPatient(ctx, patientId, 'drug_test.collect', async (p) => {
    const org = ctx.actor.organizationId;
    const c = await one(p, ctx, patientId, id);
    if (c.version !== version)
      throw new DomainError('PRECONDITION_FAILED', 'The collection was changed by someone else; reload and try again');
    const now = ctx.clock.now();
    const events = [
      ...custodyEventsOf(c),
      ...(patch.custodyEvent ? [{ at: now.toISOString(), by: ctx.actor.userId, action: patch.custodyEvent.action }] : []),
    ];
    const problems = custodyProblems(events);
    const validity = patch.validity ? { ...c.validity, ...patch.validity } : c.validity;
    const custodyIntact = problems.length === 0;
    if (
      !(await repo.updateCollection(p.tx, org, id, version, {
        custodyEvents: events as unknown as Record<string, unknown>[],
        custodyIntact,
        validity,
        updatedAt: now,
      }))
    )
      throw new DomainError('PRECONDITION_FAILED', 'The collection was changed by someone else; reload and try again');
    const specimen = specimenCheckOf({ ...c, validity }).status;
    for (const r of await repo.resultsOf(p.tx, org, [id])) {
      const flag = resultFlag({ custodyIntact, specimen, outcome: r.outcome });
      if (flag !== r.flagged) await repo.setResultFlag(p.tx, org, r.id, flag);
    }
    await audit(p, ctx, 'drug_test_collection.update', patientId, id, {
      custodyEvent: patch.custodyEvent?.action ?? null,
      fields: patch.validity ? Object.keys(patch.validity) : [],
      custodyIntact,
      specimenStatus: specimen,
    });
    return viewOf(p, ctx, patientId, id);
  });
}

/**
 * Records results for one specimen. Each positive is expected when an active prescription explains its class on the
 * collection day; each result is flagged when custody is broken or the specimen invalid or dilute. An unexpected
 * positive raises one review task for the primary clinician.
 */
export async function recordResults(
  ctx: Ctx,
  patientId: string,
  id: string,
  input: DrugTestResultsCreate,
): Promise<DrugTestCollectionView> {
  return withPatient(ctx, patientId, 'drug_test.result', async (p) => {
    const org = ctx.actor.organizationId;
    const c = await one(p, ctx, patientId, id);
    const existing = await repo.resultsOf(p.tx, org, [id]);
    const taken = new Set(existing.map((r) => `${r.method}:${r.substanceClass}`));
    const dupes = input.results.flatMap((r, i) =>
      taken.has(`${r.method}:${r.substanceClass}`)
        ? [{ path: `results.${i}.substanceClass`, message: `a ${r.method} result for this class is already recorded` }]
        : [],
    );
    if (dupes.length) throw new DomainError('CONFLICT', 'Some of these results are already recorded', dupes);
    const now = ctx.clock.now();
    const day = localDate(c.collectedAt, p.timeZone);
    const explains = expectedClasses(await repo.medicationsOf(p.tx, org, patientId), day);
    const specimen = specimenCheckOf(c).status;
    const rows = input.results.map((r) => ({
      organizationId: org,
      collectionId: id,
      patientId,
      substanceClass: r.substanceClass,
      method: r.method,
      outcome: r.outcome,
      expected: r.outcome === 'positive' && explains.has(r.substanceClass),
      flagged: resultFlag({ custodyIntact: c.custodyIntact, specimen, outcome: r.outcome }),
      recordedBy: ctx.actor.userId,
      resultedAt: now,
    }));
    await repo.insertResults(p.tx, rows);
    const unexpected = rows.filter(needsReview);
    await audit(p, ctx, 'drug_test_result.create', patientId, id, {
      count: rows.length,
      unexpectedPositives: unexpected.length,
      expectedPositives: rows.filter((r) => r.expected).length,
      flagged: rows.filter((r) => r.flagged !== null).length,
    });
    if (unexpected.length && !(await repo.openReviewTask(p.tx, org, id)))
      await raiseCareTask(p.tx, whoOf(ctx), {
        kind: 'drug_test_review',
        priority: 'normal',
        patientId,
        title: 'Review a drug-test result with the person',
        details: { collectionId: id },
        source: { type: 'drug_test_collection', id },
        dueAt: new Date(now.getTime() + REVIEW_DUE_MS),
      });
    return viewOf(p, ctx, patientId, id);
  });
}

/** The review of a specimen's results with the person, kept as a note; it closes the specimen's open review task. */
export async function recordReview(ctx: Ctx, patientId: string, id: string, note: string): Promise<DrugTestCollectionView> {
  return withPatient(ctx, patientId, 'drug_test.result', async (p) => {
    const org = ctx.actor.organizationId;
    await one(p, ctx, patientId, id);
    const now = ctx.clock.now();
    const reviewId = await repo.insertReview(p.tx, {
      organizationId: org,
      collectionId: id,
      patientId,
      note,
      reviewedBy: ctx.actor.userId,
      reviewedAt: now,
    });
    await audit(p, ctx, 'drug_test_review.create', patientId, id, { reviewId });
    const task = await repo.openReviewTask(p.tx, org, id);
    if (task) {
      await repo.resolveReviewTask(p.tx, org, task, ctx.actor.userId, now);
      await recordAudit(p.tx, ctx, {
        action: 'task.resolve',
        resourceType: 'task',
        resourceId: task,
        patientId,
        breakGlass: p.breakGlass,
        details: { by: 'drug_test_review', reviewId },
      });
    }
    return viewOf(p, ctx, patientId, id);
  });
}

export async function getCollection(ctx: Ctx, patientId: string, id: string): Promise<DrugTestCollectionView> {
  return withPatient(ctx, patientId, 'drug_test.read', async (p) => {
    const view = await viewOf(p, ctx, patientId, id);
    await audit(p, ctx, 'drug_test_collection.read', patientId, id);
    return view;
  });
}

/** Every specimen (newest first) with results and reviews, the trend (oldest first) and what current medications explain. */
export async function history(ctx: Ctx, patientId: string): Promise<DrugTestHistory> {
  return withPatient(ctx, patientId, 'drug_test.read', async (p) => {
    const org = ctx.actor.organizationId;
    const collections = await repo.listCollections(p.tx, org, patientId);
    const ids = collections.map((c) => c.id);
    const [results, reviews, meds] = [
      await repo.resultsOf(p.tx, org, ids),
      await repo.reviewsOf(p.tx, org, ids),
      await repo.medicationsOf(p.tx, org, patientId),
    ];
    const items = collections.map((c) => collectionView(c, results, reviews, meds, p.timeZone));
    await recordAudit(p.tx, ctx, {
      action: 'drug_test.list',
      resourceType: 'drug_test_collection',
      patientId,
      breakGlass: p.breakGlass,
      details: { count: items.length },
    });
    const trend = drugTestTrend(
      items.map((i) => ({
        collectionId: i.id,
        collectedAt: i.collectedAt,
        day: i.day,
        specimenStatus: i.specimenStatus,
        custodyIntact: i.custodyIntact,
        results: i.results,
      })),
    );
    const expectedNow = [...expectedClasses(meds, p.today).entries()].map(([substanceClass, medications]) => ({
      substanceClass,
      medications,
    }));
    return { items, selections: await selectionsOf(p, ctx, patientId), trend, expectedNow };
  });
}
