/**
 * The admissions board: where each inquiry stands between the first call and admission, and which moves are
 * allowed. Ending an inquiry without admission (referred elsewhere, lost) always needs a reason, so the program
 * can learn why people did not start care; ended inquiries can be reopened when the person calls back.
 */
import type { FieldError } from '../errors/errors';

export const inquiryStages = ['new', 'pre_screened', 'intake_booked', 'admitted', 'referred_elsewhere', 'lost'] as const;
export type InquiryStage = (typeof inquiryStages)[number];

export const inquiryStageLabels: Record<InquiryStage, string> = {
  new: 'New',
  pre_screened: 'Pre-screened',
  intake_booked: 'Intake booked',
  admitted: 'Admitted',
  referred_elsewhere: 'Referred elsewhere',
  lost: 'Lost',
};

export const referredReasons = [
  'higher_level_of_care',
  'lower_level_of_care',
  'different_specialty',
  'insurance_network',
  'location_or_schedule',
  'person_preference',
  'other',
] as const;
export const lostReasons = ['unreachable', 'declined', 'chose_other_program', 'cost', 'no_show_intake', 'other'] as const;
export type ReferredReason = (typeof referredReasons)[number];
export type LostReason = (typeof lostReasons)[number];
export type StageReason = ReferredReason | LostReason;
/** Every reason once, for the wire contract; which list applies depends on the stage (see decideStageMove). */
export const stageReasons = [...referredReasons, ...lostReasons.filter((r) => r !== 'other')] as [StageReason, ...StageReason[]];

export const stageReasonLabels: Record<StageReason, string> = {
  higher_level_of_care: 'Needs a higher level of care',
  lower_level_of_care: 'A lower level of care fits',
  different_specialty: 'Needs a different specialty',
  insurance_network: 'Insurance network',
  location_or_schedule: 'Location or schedule',
  person_preference: 'The person’s preference',
  other: 'Other',
  unreachable: 'Could not reach',
  declined: 'Declined treatment',
  chose_other_program: 'Chose another program',
  cost: 'Cost',
  no_show_intake: 'Did not come to intake',
};

/** Moves staff make on the board. `admitted` is reached only through admission, which opens the episode. */
const moves: Record<InquiryStage, InquiryStage[]> = {
  new: ['pre_screened', 'referred_elsewhere', 'lost'],
  pre_screened: ['intake_booked', 'referred_elsewhere', 'lost'],
  intake_booked: ['pre_screened', 'referred_elsewhere', 'lost'],
  admitted: [],
  referred_elsewhere: ['new'],
  lost: ['new'],
};

export function stageMovesFrom(stage: InquiryStage): InquiryStage[] {
  return moves[stage];
}

/** Where admission may start: after a pre-screen, with or without a booked intake. */
export const admittableStages: readonly InquiryStage[] = ['pre_screened', 'intake_booked'];

export interface StageMove {
  to: InquiryStage;
  reason?: StageReason | null;
  reasonText?: string | null;
}

export type StageDecision =
  | { ok: true; to: InquiryStage; reason: StageReason | null; reasonText: string | null }
  | { ok: false; code: 'STAGE_NOT_ALLOWED' | 'PRESCREEN_REQUIRED'; message: string }
  | { ok: false; code: 'VALIDATION_FAILED'; errors: FieldError[] };

/** Decides a board move. Pure: the caller says whether the inquiry has a pre-screen on file. */
export function decideStageMove(from: InquiryStage, move: StageMove, hasPrescreen: boolean): StageDecision {
  if (move.to === 'admitted')
    return { ok: false, code: 'STAGE_NOT_ALLOWED', message: 'Use Admit to admit a person; it opens the episode of care' };
  if (!moves[from].includes(move.to))
    return { ok: false, code: 'STAGE_NOT_ALLOWED', message: `An inquiry cannot move from ${from} to ${move.to}` };
  if ((move.to === 'pre_screened' || move.to === 'intake_booked') && !hasPrescreen)
    return { ok: false, code: 'PRESCREEN_REQUIRED', message: 'Record the pre-screen first' };
  const text = move.reasonText?.trim() || null;
  if (move.to === 'referred_elsewhere' || move.to === 'lost') {
    const allowed: readonly string[] = move.to === 'lost' ? lostReasons : referredReasons;
    const errors: FieldError[] = [];
    if (!move.reason) errors.push({ path: 'reason', message: 'is required when an inquiry ends without admission' });
    else if (!allowed.includes(move.reason)) errors.push({ path: 'reason', message: `must be one of ${allowed.join(', ')}` });
    if (move.reason === 'other' && !text) errors.push({ path: 'reasonText', message: 'says what the other reason is' });
    if (errors.length) return { ok: false, code: 'VALIDATION_FAILED', errors };
    return { ok: true, to: move.to, reason: move.reason ?? null, reasonText: text };
  }
  if (move.reason)
    return {
      ok: false,
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'reason', message: 'is only given when referring elsewhere or closing as lost' }],
    };
  return { ok: true, to: move.to, reason: null, reasonText: text };
}

export const referralSources = [
  'self',
  'family',
  'hospital',
  'court',
  'employer',
  'school',
  'treatment_provider',
  'health_provider',
  'community',
  'other',
] as const;
export type ReferralSource = (typeof referralSources)[number];

export const referralSourceLabels: Record<ReferralSource, string> = {
  self: 'Self',
  family: 'Family or friend',
  hospital: 'Hospital',
  court: 'Court or criminal justice',
  employer: 'Employer or EAP',
  school: 'School',
  treatment_provider: 'Other addiction treatment provider',
  health_provider: 'Other health-care provider',
  community: 'Community organization',
  other: 'Other',
};

/**
 * TEDS admission PSOURCE codes: 1 individual (self, family, friends), 2 alcohol/drug care provider, 3 other
 * health-care provider, 4 school, 5 employer/EAP, 6 other community referral, 7 court/criminal justice.
 * "Other" we cannot place is reported as a community referral, the catch-all TEDS offers.
 */
export const tedsPsource: Record<ReferralSource, 1 | 2 | 3 | 4 | 5 | 6 | 7> = {
  self: 1,
  family: 1,
  hospital: 3,
  court: 7,
  employer: 5,
  school: 4,
  treatment_provider: 2,
  health_provider: 3,
  community: 6,
  other: 6,
};

/**
 * When a web request must be called back: one business day later (Saturday and Sunday skipped), at the same time
 * of day. Holidays are not known here yet; staff see the follow-up and can move it.
 */
export function callBackDueAt(receivedAt: Date): Date {
  const d = new Date(receivedAt.getTime());
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d;
}
