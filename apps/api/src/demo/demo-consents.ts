import {
  consentScopeSummary,
  consentTemplates,
  currentRedisclosureNotice,
  noticeText,
  type ConsentKind,
  type Part2Fields,
} from '@openiop/core';
import type { consents, disclosures, episodes, patients } from '../db/schema/index';
import { Rng } from './random';

type ConsentRow = typeof consents.$inferInsert;
type DisclosureRow = typeof disclosures.$inferInsert;

/** Signed on the admission day, mid-morning (UTC), witnessed by the intake worker or the primary clinician. */
const signingTime = (day: string, minutes: number) => new Date(`${day}T17:${String(minutes).padStart(2, '0')}:00Z`);

const RECIPIENTS = ['Multnomah County Drug Court', 'Cascade Employee Assistance Program', 'Denver Probation Department'];

/**
 * Consents for the demo program: every admitted patient signed a consent to treatment and the program agreement on
 * the day of admission, most a TPO consent; a few have a Part 2 consent to a named recipient with one disclosure,
 * and one revoked a consent to a family member. Uses its own generator so the rest of the demo does not shift.
 */
export function demoConsents(input: {
  seed: number;
  organizationId: string;
  programName: string;
  patients: (typeof patients.$inferInsert)[];
  episodes: (typeof episodes.$inferInsert)[];
  witnesses: { admissions: string; fallback: string };
  /** Index of the first patient in this batch, so the special cases land on the same patients at any batch size. */
  offset: number;
}): { consents: ConsentRow[]; disclosures: DisclosureRow[] } {
  const rng = new Rng(((input.seed ^ 0x5eed) + input.offset) >>> 0);
  const out: ConsentRow[] = [];
  const sent: DisclosureRow[] = [];
  const episodeOf = new Map(input.episodes.map((e) => [e.id, e]));
  let activeSeen = 0;
  input.patients.forEach((p, i) => {
    const ep = p.currentEpisodeId ? episodeOf.get(p.currentEpisodeId) : undefined;
    if (!ep?.admittedOn || !p.id) return;
    const day = ep.admittedOn;
    const name = `${p.legalGivenName} ${p.legalFamilyName}`;
    const witnessId = ep.primaryClinicianId ?? input.witnesses.fallback;
    const base = (kind: ConsentKind, minutes: number, part2: Part2Fields | null): ConsentRow => {
      const t = consentTemplates[kind];
      const at = signingTime(day, minutes);
      return {
        id: rng.uuid(),
        organizationId: input.organizationId,
        patientId: p.id as string,
        kind,
        templateVersion: t.version,
        title: t.title,
        body: t.body,
        statements: t.statements,
        part2,
        createdById: input.witnesses.admissions,
        patientName: name,
        signedAt: at,
        signatureMethod: 'typed',
        typedName: name,
        signerKind: 'patient',
        signerName: name,
        witnessId: input.witnesses.admissions,
        createdAt: at,
        updatedAt: at,
      };
    };
    out.push(base('treatment', 5, null), base('program_agreement', 10, null));
    if (rng.chance(0.7)) {
      out.push(
        base('part2_tpo', 15, {
          discloser: input.programName,
          informationCategories: ['all_sud_records'],
          informationDescription: 'My substance use disorder treatment records from this program',
          recipients: [
            { kind: 'class', class: 'treating_providers' },
            { kind: 'class', class: 'health_plans' },
            { kind: 'class', class: 'third_party_payers' },
          ],
          purposes: ['treatment', 'payment', 'health_care_operations'],
          purposeDetail: null,
          expiration: { kind: 'none' },
        }),
      );
    }
    if (ep.status !== 'active') return;
    activeSeen += 1;
    const n = input.offset + i;
    if (activeSeen <= RECIPIENTS.length && n < 200) {
      const recipient = RECIPIENTS[activeSeen - 1] as string;
      const part2: Part2Fields = {
        discloser: input.programName,
        informationCategories: ['attendance_and_progress', 'drug_test_results'],
        informationDescription: 'Attendance, progress in treatment and drug test results during this episode of care',
        recipients: [{ kind: 'named', name: recipient, coveredEntity: false }],
        purposes: ['patient_request'],
        purposeDetail: null,
        expiration: { kind: 'event', event: 'end_of_treatment', description: null },
      };
      const c = { ...base('part2_disclosure', 20, part2), witnessId };
      out.push(c);
      const signedAt = c.signedAt as Date;
      sent.push({
        id: rng.uuid(),
        organizationId: input.organizationId,
        patientId: p.id,
        consentId: c.id as string,
        recipientName: recipient,
        recipientClass: null,
        disclosedOn: day,
        informationCategories: ['attendance_and_progress'],
        informationDescription: 'Attendance letter confirming enrolment in the intensive outpatient program',
        purpose: 'patient_request',
        disclosedById: witnessId,
        recordedById: witnessId,
        noticeVersion: currentRedisclosureNotice.version,
        noticeForm: 'long',
        noticeText: noticeText(currentRedisclosureNotice, 'long'),
        consentScope: consentScopeSummary({ kind: 'part2_disclosure', part2 }, day),
        recordedAt: new Date(signedAt.getTime() + 3_600_000),
      });
      if (activeSeen === 1) {
        const family: Part2Fields = {
          ...part2,
          informationCategories: ['attendance_and_progress'],
          informationDescription: 'Whether I attend my sessions',
          recipients: [{ kind: 'named', name: `${String(p.emergencyContact?.name ?? 'My partner')}`, coveredEntity: false }],
        };
        const revoked = base('part2_disclosure', 25, family);
        // Active patients were admitted at least three days ago, so two days later is still in the past.
        const at = new Date((revoked.signedAt as Date).getTime() + 2 * 86_400_000);
        out.push({
          ...revoked,
          revokedAt: at,
          revokedById: witnessId,
          revocationVia: 'in_writing',
          revocationReason: 'Changed my mind',
          updatedAt: at,
          version: 2,
        });
      }
    }
  });
  return { consents: out, disclosures: sent };
}
