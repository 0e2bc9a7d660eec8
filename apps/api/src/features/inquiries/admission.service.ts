import { admittableStages, DomainError, type AdmissionCreate, type AdmissionResult } from '@openiop/core';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { openEpisode } from '../episodes/episodes.service';
import { createPatient } from '../patients/patients.service';
import { matchDuplicates } from './duplicates.service';
import * as repo from './inquiries.repo';
import { loadInquiry } from './inquiries.service';
import { latestPrescreen } from './prescreen.service';

/**
 * Admission: the inquiry becomes a patient (new, or one found by duplicate detection) with an episode of care
 * at the chosen level, location, clinician, planned length and track. One transaction: the patients and
 * episodes services run inside it (their own transactions become savepoints), so if any part is refused
 * nothing at all is written — no orphan patient, no half-admitted inquiry.
 */
export async function admitInquiry(ctx: Ctx, inquiryId: string, version: number, input: AdmissionCreate): Promise<AdmissionResult> {
  assertCan(ctx.actor, 'inquiry.write');
  return ctx.db.transaction(async (tx) => {
    const row = await loadInquiry(tx, ctx, inquiryId, true);
    if (row.i.version !== version)
      throw new DomainError('PRECONDITION_FAILED', 'The inquiry was changed by someone else; reload and try again');
    if (!admittableStages.includes(row.i.stage))
      throw new DomainError('STAGE_NOT_ALLOWED', 'Only a pre-screened inquiry (or one with intake booked) can be admitted', [], {
        from: row.i.stage,
      });
    const prescreen = await latestPrescreen(tx, ctx, inquiryId);
    if (!prescreen) throw new DomainError('PRESCREEN_REQUIRED', 'Record the pre-screen first');
    if (prescreen.verdict === 'needs_higher_level' && !input.clinicalOverride)
      throw new DomainError(
        'PRESCREEN_HIGHER_LEVEL',
        'The pre-screen found reasons IOP is not safe now; give the clinical reason to admit anyway',
        [{ path: 'clinicalOverride', message: 'is required when the pre-screen routes to a higher level of care' }],
        { flags: prescreen.flags.filter((f) => f.severity === 'higher_level').map((f) => f.code) },
      );
    const inTx: Ctx = { ...ctx, db: tx };
    let patientId: string;
    let linked = false;
    if (input.patient.mode === 'new') {
      const { mode: _mode, ...fields } = input.patient;
      if (!input.confirmedNotDuplicate) {
        const matches = await matchDuplicates(tx, ctx, {
          givenName: fields.legalGivenName,
          familyName: fields.legalFamilyName,
          otherGivenNames: [fields.preferredName ?? null],
          dateOfBirth: fields.dateOfBirth,
          phone: fields.phone ?? null,
          email: fields.email ?? null,
        });
        if (matches.length)
          throw new DomainError(
            'POSSIBLE_DUPLICATE',
            'This person may already have a record: link it, or confirm they are someone else',
            [{ path: 'confirmedNotDuplicate', message: 'confirm the person is not an existing patient' }],
            { matches: matches.length },
          );
      }
      patientId = (await createPatient(inTx, { ...fields, locationId: input.locationId })).id;
    } else {
      patientId = input.patient.patientId;
      linked = true;
    }
    const episode = await openEpisode(inTx, patientId, {
      levelOfCare: input.levelOfCare,
      locationId: input.locationId,
      primaryClinicianId: input.primaryClinicianId ?? null,
      status: input.admittedOn ? 'active' : 'pending',
      admittedOn: input.admittedOn ?? null,
      plannedWeeks: input.plannedWeeks,
      track: input.track ?? null,
    });
    const now = ctx.clock.now();
    await repo.updateInquiry(tx, ctx.actor.organizationId, inquiryId, version, {
      stage: 'admitted',
      patientId,
      stageReason: null,
      stageReasonText: null,
      clinicalOverride: input.clinicalOverride ?? null,
      stageChangedAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'inquiry.admit',
      resourceType: 'inquiry',
      resourceId: inquiryId,
      patientId,
      details: { episodeId: episode.id, linkedExisting: linked, override: Boolean(input.clinicalOverride) },
    });
    return { inquiryId, patientId, episode };
  });
}
