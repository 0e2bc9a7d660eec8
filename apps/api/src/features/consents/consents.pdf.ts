import {
  consentKindLabels,
  describeExpiration,
  describeRecipients,
  DomainError,
  localDate,
  informationCategoryLabels,
  purposeLabel,
  recipientClassLabel,
  type ConsentView,
  type DisclosureView,
} from '@openiop/core';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { clinicTime, renderPdf, type PdfBlock } from '../../platform/pdf';
import { loadConsent, loadPatient } from './consents.service';
import * as repo from './consents.repo';
import { toDisclosureView, toView } from './consents.views';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const FOOTER = 'Confidential: protected by federal law (42 CFR part 2 and HIPAA).';

interface PatientLine {
  name: string;
  mrn: string;
  dateOfBirth: string;
  timeZone: string;
}

function consentBlocks(c: ConsentView, p: PatientLine, drawing: string | null): PdfBlock[] {
  const blocks: PdfBlock[] = [
    {
      kind: 'table',
      rows: [
        ['Patient', p.name],
        ['MRN', p.mrn],
        ['Date of birth', p.dateOfBirth],
        ['Consent', `${consentKindLabels[c.kind]} (template ${c.templateVersion})`],
        ['Status', cap(c.status)],
      ],
    },
    { kind: 'paragraphs', heading: 'What you are agreeing to', paragraphs: c.body },
  ];
  if (c.part2) {
    const x = c.part2;
    blocks.push({
      kind: 'table',
      heading: 'What this consent allows',
      rows: [
        ['Who may disclose', x.discloser ?? ''],
        [
          'Information',
          [x.informationCategories.map((i) => informationCategoryLabels[i]).join(', '), x.informationDescription ?? '']
            .filter(Boolean)
            .join('. '),
        ],
        ['Recipients', describeRecipients(x)],
        ['Purpose', cap(x.purposes.map((u) => (u === 'other' && x.purposeDetail ? x.purposeDetail : purposeLabel(u))).join(', '))],
        ['Expires', describeExpiration(x.expiration) ?? ''],
      ],
    });
  }
  if (c.statements.length) blocks.push({ kind: 'paragraphs', heading: 'Your rights', paragraphs: c.statements.map((s) => s.text) });
  const s = c.signature;
  if (s) {
    blocks.push({
      kind: 'signature',
      heading: 'Signature',
      image: drawing ? Buffer.from(drawing.slice(drawing.indexOf(',') + 1), 'base64') : null,
      typedName: s.typedName ?? s.signerName,
      rows: [
        ['Signed by', s.signerName],
        ...(s.signerKind === 'representative'
          ? ([
              ['Relationship', s.relationship ?? ''],
              ['Authority', s.authority ?? ''],
            ] as [string, string][])
          : []),
        ['Signed', clinicTime(s.signedAt, p.timeZone)],
        ['How', s.method === 'drawn' ? 'Drawn electronic signature' : 'Typed electronic signature'],
        ['Witness', s.witness.name],
      ],
    });
  } else {
    blocks.push({ kind: 'paragraphs', heading: 'Signature', paragraphs: ['Not signed: this is a draft.'] });
  }
  if (c.revocation) {
    blocks.push({
      kind: 'table',
      heading: 'Revoked',
      rows: [
        ['Revoked', clinicTime(c.revocation.revokedAt, p.timeZone)],
        ['Received', c.revocation.receivedVia === 'in_writing' ? 'In writing' : 'Verbally (noted by staff)'],
        ['Reason', c.revocation.reason ?? ''],
        ['Recorded by', c.revocation.recordedBy.name],
      ],
    });
  }
  return blocks;
}

/** The consent as a printable PDF: its words, the Part 2 elements, the signature and any revocation. Audited as a read. */
export async function consentPdf(ctx: Ctx, patientId: string, consentId: string): Promise<Buffer> {
  assertCan(ctx.actor, 'consent.read');
  const { view, patient, drawing } = await ctx.db.transaction(async (tx) => {
    const { patient, breakGlass, today } = await loadPatient(tx, ctx, patientId);
    const r = await loadConsent(tx, ctx, patientId, consentId);
    await recordAudit(tx, ctx, { action: 'consent.pdf', resourceType: 'consent', resourceId: consentId, patientId, breakGlass });
    return { view: toView(r, patient, today), patient, drawing: r.row.drawing };
  });
  const line: PatientLine = {
    name: `${patient.legalGivenName} ${patient.legalFamilyName}`,
    mrn: patient.mrn,
    dateOfBirth: patient.dateOfBirth,
    timeZone: patient.locationTimeZone,
  };
  return renderPdf({
    title: view.title,
    subtitle: ctx.actor.settings.name,
    footer: `${FOOTER} Consent ${view.id.slice(0, 8)}.`,
    blocks: consentBlocks(view, line, drawing),
    author: ctx.actor.settings.name,
    createdAt: ctx.clock.now(),
  });
}

function disclosureBlocks(d: DisclosureView, patientName: string, consentTitle: string): PdfBlock[] {
  return [
    {
      kind: 'table',
      rows: [
        ['Patient', patientName],
        ['Date disclosed', d.disclosedOn],
        ['Recipient', d.recipientClass ? `${d.recipientName} (${recipientClassLabel(d.recipientClass)})` : d.recipientName],
        ['Information', `${d.informationCategories.map((i) => informationCategoryLabels[i]).join(', ')}. ${d.informationDescription}`],
        ['Purpose', cap(purposeLabel(d.purpose))],
        ['Disclosed by', d.disclosedBy.name],
        ['Under consent', consentTitle],
      ],
    },
    { kind: 'notice', heading: 'Notice to the recipient (42 CFR § 2.32)', text: d.noticeText },
    { kind: 'paragraphs', heading: 'Scope of the consent', paragraphs: [d.consentScope] },
  ];
}

/** The cover sheet that travels with a disclosure: what was sent, to whom, why, the §2.32 notice and the consent's scope. */
export async function disclosurePdf(ctx: Ctx, patientId: string, disclosureId: string): Promise<Buffer> {
  assertCan(ctx.actor, 'disclosure.read');
  const { view, patientName, consentTitle } = await ctx.db.transaction(async (tx) => {
    const { patient, breakGlass } = await loadPatient(tx, ctx, patientId);
    const d = await repo.findDisclosure(tx, ctx.actor.organizationId, patientId, disclosureId);
    if (!d) throw new DomainError('NOT_FOUND', 'No such disclosure');
    const consent = await loadConsent(tx, ctx, patientId, d.row.consentId);
    await recordAudit(tx, ctx, { action: 'disclosure.pdf', resourceType: 'disclosure', resourceId: disclosureId, patientId, breakGlass });
    const signed = consent.row.signedAt ? `, signed ${localDate(consent.row.signedAt, patient.locationTimeZone)}` : '';
    return {
      view: toDisclosureView(d),
      patientName: `${patient.legalGivenName} ${patient.legalFamilyName}`,
      consentTitle: `${consent.row.title}${signed}`,
    };
  });
  return renderPdf({
    title: 'Disclosure cover sheet',
    subtitle: ctx.actor.settings.name,
    footer: `${FOOTER} Notice ${view.noticeVersion}.`,
    blocks: disclosureBlocks(view, patientName, consentTitle),
    author: ctx.actor.settings.name,
    createdAt: ctx.clock.now(),
  });
}
