import type { AdherenceRow, AlertRow, AllergyRow, DiagnosisRow, MedicationRow } from './clinical.repo';
import type { AllergyView, ChartAlertView, DiagnosisView, MedicationView } from '@openiop/core';
import { iso } from '../../platform/http';

export function toDiagnosisView(r: DiagnosisRow): DiagnosisView {
  return {
    id: r.id,
    code: r.code,
    description: r.description,
    category: r.category,
    isPrimary: r.isPrimary,
    status: r.status,
    onsetDate: r.onsetDate,
    note: r.note,
    episodeId: r.episodeId,
    recordedBy: { id: r.recordedBy, name: r.recordedByName },
    recordedAt: r.recordedAt.toISOString(),
    resolvedAt: iso(r.resolvedAt),
    version: r.version,
  };
}

export function toMedicationView(r: MedicationRow, notes: AdherenceRow[]): MedicationView {
  return {
    id: r.id,
    name: r.name,
    dose: r.dose,
    route: r.route as MedicationView['route'],
    frequency: r.frequency,
    prescriber: r.prescriber,
    startDate: r.startDate,
    stopDate: r.stopDate,
    stopReason: r.stopReason,
    matKind: r.matKind as MedicationView['matKind'],
    otp: r.otpName ? { name: r.otpName, phone: r.otpPhone } : null,
    note: r.note,
    status: r.stopDate ? 'stopped' : 'active',
    adherenceNotes: notes
      .filter((n) => n.medicationId === r.id)
      .map((n) => ({
        id: n.id,
        notedOn: n.notedOn,
        text: n.text,
        author: { id: n.authorId, name: n.authorName },
        createdAt: n.createdAt.toISOString(),
      })),
    recordedBy: { id: r.recordedBy, name: r.recordedByName },
    recordedAt: r.recordedAt.toISOString(),
    version: r.version,
  };
}

export function toAllergyView(r: AllergyRow): AllergyView {
  return {
    id: r.id,
    kind: r.kind,
    substance: r.substance,
    reaction: r.reaction,
    severity: r.severity as AllergyView['severity'],
    status: r.status,
    recordedBy: { id: r.recordedBy, name: r.recordedByName },
    recordedAt: r.recordedAt.toISOString(),
    version: r.version,
  };
}

export function toAlertView(r: AlertRow): ChartAlertView {
  return {
    id: r.id,
    kind: r.kind as ChartAlertView['kind'],
    label: r.label,
    severity: r.severity as ChartAlertView['severity'],
    note: r.note,
    status: r.status,
    recordedBy: { id: r.recordedBy, name: r.recordedByName },
    recordedAt: r.recordedAt.toISOString(),
    version: r.version,
  };
}
