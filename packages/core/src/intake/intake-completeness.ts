/**
 * What a biopsychosocial intake needs before it can be signed. A draft may be saved with anything missing; a
 * signature asserts the assessment is complete, so every section must say something — including an explicit
 * "none" or "declined" where that is the honest answer (trauma may always be declined).
 */
import type { CompletenessItem, IntakeDocument, IntakeSection } from '../contracts/intake';
import { intakeSectionLabels, intakeSections } from '../contracts/intake';
import type { FieldError } from '../errors/errors';

const blank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

type Missing = CompletenessItem['missing'];

function sectionMissing(doc: IntakeDocument, section: IntakeSection): Missing {
  const out: Missing = [];
  const need = (field: string, label: string, value: unknown) => {
    if (blank(value)) out.push({ path: `${section}.${field}`, label });
  };
  switch (section) {
    case 'presentingProblem':
      need('reasonForSeeking', 'Reason for seeking help', doc.presentingProblem?.reasonForSeeking);
      need('ownGoals', "The person's own goals", doc.presentingProblem?.ownGoals);
      break;
    case 'substanceUse': {
      const rows = doc.substanceUse?.substances ?? [];
      if (rows.length === 0) out.push({ path: 'substanceUse.substances', label: 'At least one substance' });
      rows.forEach((row, i) => {
        const n = i + 1;
        need(`substances.${i}.substance`, `Substance ${n}: name`, row.substance);
        need(`substances.${i}.ageAtFirstUse`, `Substance ${n}: age at first use`, row.ageAtFirstUse);
        need(`substances.${i}.frequency`, `Substance ${n}: frequency`, row.frequency);
        need(`substances.${i}.route`, `Substance ${n}: route`, row.route);
        need(`substances.${i}.lastUse`, `Substance ${n}: last use`, row.lastUse);
      });
      break;
    }
    case 'priorTreatment':
      need('any', 'Any prior treatment (yes/no)', doc.priorTreatment?.any);
      if (doc.priorTreatment?.any === 'yes') need('details', 'Prior treatment details', doc.priorTreatment.details);
      break;
    case 'mentalHealth':
      need('history', 'Mental health history', doc.mentalHealth?.history);
      break;
    case 'medical':
      need('conditions', 'Medical conditions (or "none known")', doc.medical?.conditions);
      break;
    case 'medications':
      if (doc.medications?.none !== true) need('list', 'Current medications, or tick "none"', doc.medications?.list);
      break;
    case 'allergies':
      if (doc.allergies?.none !== true) need('list', 'Allergies, or tick "none known"', doc.allergies?.list);
      break;
    case 'legal':
      need('involvement', 'Legal involvement (yes/no)', doc.legal?.involvement);
      if (doc.legal?.involvement === 'yes') need('details', 'Legal details', doc.legal.details);
      break;
    case 'employmentEducation':
      need('status', 'Employment or education status', doc.employmentEducation?.status);
      break;
    case 'familySocial':
      need('supports', 'Family and social supports', doc.familySocial?.supports);
      break;
    case 'housing':
      need('situation', 'Housing situation', doc.housing?.situation);
      break;
    case 'trauma':
      need('discussed', 'Trauma discussed, not discussed, or declined', doc.trauma?.discussed);
      break;
    case 'strengths':
      need('strengths', 'Strengths', doc.strengths?.strengths);
      break;
    case 'summary':
      need('clinicianSummary', 'Clinician summary', doc.summary?.clinicianSummary);
      break;
  }
  return out;
}

/** Sections still missing something, in form order; an empty list means the intake may be signed. */
export function intakeCompleteness(doc: IntakeDocument): CompletenessItem[] {
  return intakeSections
    .map((section) => ({ section, label: intakeSectionLabels[section], missing: sectionMissing(doc, section) }))
    .filter((s) => s.missing.length > 0);
}

/** The same check as field errors, for the 400 a premature signature gets. */
export function completenessErrors(doc: IntakeDocument): FieldError[] {
  return intakeCompleteness(doc).flatMap((s) =>
    s.missing.map((m) => ({ path: `document.${m.path}`, message: `${m.label} is needed before signing` })),
  );
}
