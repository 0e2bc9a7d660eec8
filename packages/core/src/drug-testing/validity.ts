/**
 * Specimen validity and chain of custody (clinical reference §7): a urine specimen's temperature is read within
 * 4 minutes of voiding and must be 90–100 °F; creatinine, specific gravity and pH show a dilute, substituted or
 * adulterated sample. A failed check never hides a result: the specimen and every result for it are flagged.
 * Creatinine and specific-gravity cut-offs follow the HHS mandatory guidelines' specimen-validity criteria.
 */

export const specimenTypes = ['urine', 'oral_fluid', 'blood', 'breath', 'hair'] as const;
export type SpecimenType = (typeof specimenTypes)[number];

const fToC = (f: number) => Math.round((((f - 32) * 5) / 9) * 10) / 10;

/** Urine temperature window: 90–100 °F (32.2–37.8 °C), read within 4 minutes of collection. */
export const URINE_TEMPERATURE = { minF: 90, maxF: 100, minC: fToC(90), maxC: fToC(100), withinMinutes: 4 } as const;
/** Creatinine below 20 mg/dL is dilute; below 2 mg/dL (with an abnormal specific gravity) it is not urine. */
export const CREATININE = { diluteBelow: 20, substitutedBelow: 2 } as const;
/** Specific gravity below 1.003 with low creatinine is dilute; 1.0010 or less, or 1.0200 or more, with creatinine < 2 is substituted. */
export const SPECIFIC_GRAVITY = { diluteBelow: 1.003, substitutedAtOrBelow: 1.001, substitutedAtOrAbove: 1.02 } as const;
/** pH outside 4.5–9 is an invalid (possibly adulterated) specimen. */
export const PH = { min: 4.5, maxBelow: 9 } as const;

export type ValidityFlag =
  | 'temperature_missing'
  | 'temperature_late'
  | 'temperature_out_of_range'
  | 'dilute'
  | 'substituted'
  | 'ph_out_of_range'
  | 'adulterant_detected';

export const VALIDITY_FLAG_TEXT: Record<ValidityFlag, string> = {
  temperature_missing: 'No temperature was read for a urine specimen',
  temperature_late: `Temperature was read more than ${URINE_TEMPERATURE.withinMinutes} minutes after collection`,
  temperature_out_of_range: `Temperature outside ${URINE_TEMPERATURE.minF}–${URINE_TEMPERATURE.maxF} °F (${URINE_TEMPERATURE.minC}–${URINE_TEMPERATURE.maxC} °C)`,
  dilute: `Dilute: creatinine below ${CREATININE.diluteBelow} mg/dL`,
  substituted: 'Substituted: creatinine and specific gravity are not those of urine',
  ph_out_of_range: `pH outside ${PH.min}–${PH.maxBelow}`,
  adulterant_detected: 'An oxidant or other adulterant was detected',
};

export interface SpecimenFacts {
  specimenType: SpecimenType;
  temperatureC: number | null;
  /** Minutes from voiding to the temperature reading. */
  temperatureMinutes: number | null;
  creatinine?: number | null | undefined;
  specificGravity?: number | null | undefined;
  ph?: number | null | undefined;
  oxidants?: boolean | null | undefined;
}

export type SpecimenStatus = 'valid' | 'dilute' | 'invalid';

export interface SpecimenCheck {
  status: SpecimenStatus;
  flags: ValidityFlag[];
}

/**
 * Checks a specimen. Invalid (the sample cannot be trusted: treat as presumptive positive and recollect) when the
 * temperature is out of range, missing or late for urine, substituted, pH out of range or adulterated; dilute when
 * only dilution shows; valid otherwise.
 */
export function checkSpecimen(s: SpecimenFacts): SpecimenCheck {
  const flags: ValidityFlag[] = [];
  if (s.specimenType === 'urine') {
    if (s.temperatureC === null) flags.push('temperature_missing');
    else {
      if (s.temperatureMinutes === null || s.temperatureMinutes > URINE_TEMPERATURE.withinMinutes) flags.push('temperature_late');
      if (s.temperatureC < URINE_TEMPERATURE.minC || s.temperatureC > URINE_TEMPERATURE.maxC) flags.push('temperature_out_of_range');
    }
    const cr = s.creatinine ?? null;
    const sg = s.specificGravity ?? null;
    if (
      cr !== null &&
      cr < CREATININE.substitutedBelow &&
      (sg === null || sg <= SPECIFIC_GRAVITY.substitutedAtOrBelow || sg >= SPECIFIC_GRAVITY.substitutedAtOrAbove)
    )
      flags.push('substituted');
    else if (
      (cr !== null && cr < CREATININE.diluteBelow) ||
      (sg !== null && sg < SPECIFIC_GRAVITY.diluteBelow && cr !== null && cr < CREATININE.diluteBelow)
    )
      flags.push('dilute');
    if (s.ph !== null && s.ph !== undefined && (s.ph < PH.min || s.ph >= PH.maxBelow)) flags.push('ph_out_of_range');
  }
  if (s.oxidants) flags.push('adulterant_detected');
  const invalid = flags.some((f) => f !== 'dilute');
  return { status: invalid ? 'invalid' : flags.includes('dilute') ? 'dilute' : 'valid', flags };
}

export const custodyActions = [
  'collected',
  'sealed',
  'sent_to_lab',
  'received_by_lab',
  'seal_broken',
  'id_mismatch',
  'unaccounted',
] as const;
export type CustodyAction = (typeof custodyActions)[number];
export const BREAKING_ACTIONS: readonly CustodyAction[] = ['seal_broken', 'id_mismatch', 'unaccounted'];

export interface CustodyEvent {
  at: string;
  by: string;
  action: CustodyAction;
}

export type CustodyProblem = 'seal_broken' | 'id_mismatch' | 'unaccounted' | 'out_of_order' | 'sent_unsealed' | 'received_unsent';

/**
 * Whether a specimen's chain of custody holds: every hand-off recorded in time order, sealed before it is sent and
 * sent before the lab receives it, and no broken seal, mismatched id or unaccounted gap. Any problem breaks it.
 */
export function custodyProblems(events: CustodyEvent[]): CustodyProblem[] {
  const problems = new Set<CustodyProblem>();
  const seen = new Set<CustodyAction>();
  let last = '';
  for (const e of events) {
    if (e.at < last) problems.add('out_of_order');
    last = e.at > last ? e.at : last;
    if (e.action === 'seal_broken' || e.action === 'id_mismatch' || e.action === 'unaccounted') problems.add(e.action);
    if (e.action === 'sent_to_lab' && !seen.has('sealed')) problems.add('sent_unsealed');
    if (e.action === 'received_by_lab' && !seen.has('sent_to_lab')) problems.add('received_unsent');
    seen.add(e.action);
  }
  return [...problems];
}

export type ResultMethod = 'presumptive' | 'definitive';
export type ResultOutcome = 'positive' | 'negative' | 'invalid' | 'dilute';
export const resultMethods = ['presumptive', 'definitive'] as const;
export const resultOutcomes = ['positive', 'negative', 'invalid', 'dilute'] as const;

/**
 * Why a result is flagged, or null: a broken chain of custody, an invalid specimen, or a dilute one (a negative on
 * a dilute sample proves little). The result is kept either way; the flag travels with it.
 */
export function resultFlag(input: { custodyIntact: boolean; specimen: SpecimenStatus; outcome: ResultOutcome }): string | null {
  const reasons: string[] = [];
  if (!input.custodyIntact) reasons.push('custody_broken');
  if (input.specimen === 'invalid') reasons.push('specimen_invalid');
  if (input.specimen === 'dilute' || input.outcome === 'dilute') reasons.push('dilute');
  if (input.outcome === 'invalid' && input.specimen !== 'invalid') reasons.push('result_invalid');
  return reasons.length ? reasons.join(',') : null;
}
