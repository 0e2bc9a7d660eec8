import { asq } from './definitions/asq';
import { audit, auditc } from './definitions/audit';
import { bam } from './definitions/bam';
import { dast10 } from './definitions/dast10';
import { gad7, phq9 } from './definitions/phq-gad';
import { pcl5 } from './definitions/pcl5';
import { ciwaar, cows } from './definitions/withdrawal';
import type { InstrumentDefinition, InstrumentId } from './types';

/**
 * Every instrument openiop ships. C-SSRS is deliberately absent: its electronic use is licensed, so its item
 * text is never included; the ASQ is the shipped suicide-risk screen.
 */
export const instruments: Record<InstrumentId, InstrumentDefinition> = {
  phq9,
  gad7,
  audit,
  auditc,
  dast10,
  ciwaar,
  cows,
  bam,
  pcl5,
  asq,
};

export const instrumentList: InstrumentDefinition[] = Object.values(instruments);

export function instrumentOf(id: string): InstrumentDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(instruments, id) ? instruments[id as InstrumentId] : undefined;
}
