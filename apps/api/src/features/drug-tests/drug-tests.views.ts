import {
  checkSpecimen,
  custodyProblems,
  displayName,
  expectedClasses,
  localDate,
  type CustodyEvent,
  type DrugTestCollectionView,
  type DrugTestMedication,
  type DrugTestSelectionView,
  type SpecimenCheck,
} from '@openiop/core';
import type * as repo from './drug-tests.repo';

/** What the collection's `validity` column holds: the lab values, the reading delay and the last check's outcome. */
export interface StoredValidity {
  creatinine: number | null;
  specificGravity: number | null;
  ph: number | null;
  oxidants: boolean | null;
  temperatureMinutes: number | null;
}

export const storedValidity = (v: Record<string, unknown>): StoredValidity => {
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  return {
    creatinine: num(v.creatinine),
    specificGravity: num(v.specificGravity),
    ph: num(v.ph),
    oxidants: typeof v.oxidants === 'boolean' ? v.oxidants : null,
    temperatureMinutes: num(v.temperatureMinutes),
  };
};

export const custodyEventsOf = (c: repo.CollectionRow): CustodyEvent[] => c.custodyEvents as unknown as CustodyEvent[];

export function specimenCheckOf(c: Pick<repo.CollectionRow, 'specimenType' | 'temperatureC' | 'validity'>): SpecimenCheck {
  const v = storedValidity(c.validity);
  return checkSpecimen({ specimenType: c.specimenType, temperatureC: c.temperatureC, ...v });
}

export const nameOf = (p: { preferredName: string | null; legalGivenName: string; legalFamilyName: string }) => displayName(p);

/** A specimen with its results and reviews; `medications` explain which expected positives by name. */
export function collectionView(
  c: repo.CollectionRow,
  results: repo.ResultRow[],
  reviews: repo.ReviewRow[],
  medications: DrugTestMedication[],
  timeZone: string,
): DrugTestCollectionView {
  const day = localDate(c.collectedAt, timeZone);
  const explains = expectedClasses(medications, day);
  const check = specimenCheckOf(c);
  const v = storedValidity(c.validity);
  return {
    id: c.id,
    patientId: c.patientId,
    locationId: c.locationId,
    selectionId: c.selectionId,
    collectedAt: c.collectedAt.toISOString(),
    day,
    collector: { id: c.collectorId, name: c.collectorName },
    specimenType: c.specimenType,
    observed: c.observed,
    custodyId: c.custodyId,
    custodyEvents: custodyEventsOf(c),
    custodyIntact: c.custodyIntact,
    custodyProblems: custodyProblems(custodyEventsOf(c)),
    temperatureC: c.temperatureC,
    temperatureMinutes: v.temperatureMinutes,
    validity: { creatinine: v.creatinine, specificGravity: v.specificGravity, ph: v.ph, oxidants: v.oxidants },
    specimenStatus: check.status,
    validityFlags: check.flags,
    flagged: !c.custodyIntact || check.status !== 'valid',
    results: results
      .filter((r) => r.collectionId === c.id)
      .map((r) => ({
        id: r.id,
        substanceClass: r.substanceClass,
        method: r.method,
        outcome: r.outcome,
        expected: r.expected,
        explainedBy: r.expected ? (explains.get(r.substanceClass as never) ?? []) : [],
        flagged: r.flagged,
        recordedBy: { id: r.recordedBy, name: r.recordedByName },
        resultedAt: r.resultedAt.toISOString(),
      })),
    reviews: reviews
      .filter((r) => r.collectionId === c.id)
      .map((r) => ({
        id: r.id,
        note: r.note,
        reviewedBy: { id: r.reviewedBy, name: r.reviewedByName },
        reviewedAt: r.reviewedAt.toISOString(),
      })),
    version: c.version,
  };
}

/** A selection as the API shows it. */
export const selectionView = (r: repo.SelectionRow): DrugTestSelectionView => ({
  id: r.s.id,
  patient: { id: r.s.patientId, name: nameOf(r), mrn: r.mrn },
  day: r.s.day,
  reason: r.s.reason,
  status: r.s.status,
  collectionId: r.collectionId,
  cause: r.s.cause,
  note: r.s.note,
  version: r.s.version,
});
