import {
  intakeSectionLabels,
  intakeSections,
  substanceFrequencyLabels,
  substanceRouteLabels,
  type IntakeDocument,
  type IntakeSection,
  type IntakeView,
} from '@openiop/core';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { clinicTime, renderPdf, type PdfBlock } from '../../platform/pdf';
import { loadVisible } from '../patients/patients.service';
import { intakeViewOf } from './intake.service';

const FOOTER = 'Confidential: protected by federal law (42 CFR part 2 and HIPAA).';

const yesNo = (v: boolean | 'yes' | 'no' | null | undefined) => (v === true || v === 'yes' ? 'Yes' : v === false || v === 'no' ? 'No' : '');
const housingLabels: Record<string, string> = {
  stable: 'Stable',
  unstable: 'Unstable',
  homeless: 'Without housing',
  recovery_housing: 'Recovery housing',
  institution: 'Institution',
};
const traumaLabels: Record<string, string> = { yes: 'Discussed', no: 'Not discussed', declined: 'Declined to discuss' };

/** Label → value rows of one section, leaving out what was never answered. */
function sectionRows(doc: IntakeDocument, section: Exclude<IntakeSection, 'substanceUse'>): [string, string][] {
  const rows: [string, string | null | undefined][] = (() => {
    switch (section) {
      case 'presentingProblem':
        return [
          ['Reason for seeking help', doc.presentingProblem?.reasonForSeeking],
          ['Own goals', doc.presentingProblem?.ownGoals],
        ];
      case 'priorTreatment':
        return [
          ['Any prior treatment', yesNo(doc.priorTreatment?.any)],
          ['Details', doc.priorTreatment?.details],
        ];
      case 'mentalHealth':
        return [
          ['History', doc.mentalHealth?.history],
          ['Current symptoms', doc.mentalHealth?.currentSymptoms],
        ];
      case 'medical':
        return [
          ['Conditions', doc.medical?.conditions],
          ['Primary care', doc.medical?.primaryCare],
        ];
      case 'medications':
        return [
          ['None', yesNo(doc.medications?.none)],
          ['Medications', doc.medications?.list],
        ];
      case 'allergies':
        return [
          ['None known', yesNo(doc.allergies?.none)],
          ['Allergies', doc.allergies?.list],
        ];
      case 'legal':
        return [
          ['Legal involvement', yesNo(doc.legal?.involvement)],
          ['Details', doc.legal?.details],
        ];
      case 'employmentEducation':
        return [
          ['Status', doc.employmentEducation?.status],
          ['Details', doc.employmentEducation?.details],
        ];
      case 'familySocial':
        return [
          ['Supports', doc.familySocial?.supports],
          ['Relationships', doc.familySocial?.relationships],
        ];
      case 'housing':
        return [
          ['Situation', doc.housing?.situation ? housingLabels[doc.housing.situation] : null],
          ['Details', doc.housing?.details],
        ];
      case 'trauma':
        return [
          ['Discussed', doc.trauma?.discussed ? traumaLabels[doc.trauma.discussed] : null],
          ['Notes', doc.trauma?.notes],
        ];
      case 'strengths':
        return [['Strengths', doc.strengths?.strengths]];
      case 'summary':
        return [['Clinician summary', doc.summary?.clinicianSummary]];
    }
  })();
  return rows.filter((r): r is [string, string] => typeof r[1] === 'string' && r[1].trim() !== '');
}

function substanceBlocks(doc: IntakeDocument): PdfBlock[] {
  const heading = intakeSectionLabels.substanceUse;
  const substances = doc.substanceUse?.substances ?? [];
  const blocks: PdfBlock[] = substances.length
    ? substances.map((s, i) => ({
        kind: 'table',
        heading: i === 0 ? heading : undefined,
        rows: (
          [
            ['Substance', s.substance],
            ['Age at first use', s.ageAtFirstUse == null ? null : String(s.ageAtFirstUse)],
            ['Frequency', s.frequency ? substanceFrequencyLabels[s.frequency] : null],
            ['Route', s.route ? substanceRouteLabels[s.route] : null],
            ['Amount', s.amount],
            ['Last use', s.lastUse],
            ['Longest abstinence', s.longestAbstinence],
          ] as [string, string | null | undefined][]
        ).filter((r): r is [string, string] => typeof r[1] === 'string' && r[1] !== ''),
      }))
    : [{ kind: 'paragraphs', heading, paragraphs: ['No substances recorded.'] }];
  if (doc.substanceUse?.notes) blocks.push({ kind: 'paragraphs', paragraphs: [doc.substanceUse.notes] });
  return blocks;
}

/** The intake as printed: every section in order, the signature (or "draft"), then the signed addenda. */
export function intakeBlocks(view: IntakeView, patient: { name: string; mrn: string; dateOfBirth: string }, timeZone: string): PdfBlock[] {
  const blocks: PdfBlock[] = [
    {
      kind: 'table',
      rows: [
        ['Patient', patient.name],
        ['MRN', patient.mrn],
        ['Date of birth', patient.dateOfBirth],
        ['Started', `${clinicTime(view.createdAt, timeZone)} by ${view.createdBy.name}`],
        ['Status', view.status === 'signed' ? 'Signed' : 'Draft (not signed)'],
      ],
    },
  ];
  for (const section of intakeSections) {
    if (section === 'substanceUse') {
      blocks.push(...substanceBlocks(view.document));
      continue;
    }
    const rows = sectionRows(view.document, section);
    blocks.push(
      rows.length
        ? { kind: 'table', heading: intakeSectionLabels[section], rows }
        : { kind: 'paragraphs', heading: intakeSectionLabels[section], paragraphs: ['Not answered.'] },
    );
  }
  if (view.signedBy && view.signedAt) {
    blocks.push({
      kind: 'signature',
      heading: 'Signature',
      typedName: view.signedBy.name,
      rows: [
        ['Signed by', view.signedBy.name],
        ['Signed', clinicTime(view.signedAt, timeZone)],
        ['How', 'Electronic signature, password re-entered'],
      ],
    });
  } else {
    blocks.push({ kind: 'paragraphs', heading: 'Signature', paragraphs: ['Not signed: this is a draft.'] });
  }
  for (const [i, a] of view.addenda.entries()) {
    blocks.push({
      kind: 'paragraphs',
      heading: `Addendum ${i + 1}: signed by ${a.signedBy.name}, ${clinicTime(a.signedAt, timeZone)}`,
      paragraphs: [a.text],
    });
  }
  return blocks;
}

/** The biopsychosocial intake as a printable PDF. Audited as a read of the intake. */
export async function intakePdf(ctx: Ctx, patientId: string, intakeId: string): Promise<Buffer> {
  assertCan(ctx.actor, 'intake.read');
  const { view, patient } = await ctx.db.transaction(async (tx) => {
    const { row: patient, breakGlass } = await loadVisible(tx, ctx, patientId);
    const view = await intakeViewOf(tx, ctx, patientId, intakeId);
    await recordAudit(tx, ctx, { action: 'intake.pdf', resourceType: 'intake', resourceId: intakeId, patientId, breakGlass });
    return { view, patient };
  });
  return renderPdf({
    title: 'Biopsychosocial intake',
    subtitle: ctx.actor.settings.name,
    footer: `${FOOTER} Intake ${view.id.slice(0, 8)}.`,
    blocks: intakeBlocks(
      view,
      { name: `${patient.legalGivenName} ${patient.legalFamilyName}`, mrn: patient.mrn, dateOfBirth: patient.dateOfBirth },
      patient.locationTimeZone,
    ),
    author: ctx.actor.settings.name,
    createdAt: ctx.clock.now(),
  });
}
