import { dimensionLabels, type Dimension, type PlanVersionView } from '@openiop/core';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { clinicTime, renderPdf, type PdfBlock } from '../../platform/pdf';
import { loadPatient, loadPlan, loadVersion, versionView } from './plans.service';

const FOOTER = 'Confidential: protected by federal law (42 CFR part 2 and HIPAA).';
const statusLabel: Record<PlanVersionView['status'], string> = {
  draft: 'Draft (not signed)',
  signing: 'Awaiting a signature',
  signed: 'Signed and locked',
  superseded: 'Replaced by a newer version (not signed)',
};
const methodLabel = { link: 'on their phone (signing link)', tablet: 'on a tablet in session', staff: 'signed in to openiop' } as const;

/** Every problem, goal, objective and intervention of one version, then its signatures with method, time and hash. */
export function planBlocks(v: PlanVersionView, p: { name: string; mrn: string; dateOfBirth: string; timeZone: string }): PdfBlock[] {
  const blocks: PdfBlock[] = [
    {
      kind: 'table',
      rows: [
        ['Person', p.name],
        ['MRN', p.mrn],
        ['Date of birth', p.dateOfBirth],
        ['Plan version', String(v.number)],
        ['Status', statusLabel[v.status]],
        ['Level of care at signing', v.levelOfCareAtSigning ?? ''],
        ['Content hash (SHA-256)', v.contentHash],
      ],
    },
  ];
  v.content.problems.forEach((pr, i) => {
    const source =
      pr.source === 'dimension' && pr.dimension
        ? `Dimension ${pr.dimension} (${dimensionLabels[pr.dimension as Dimension]})`
        : pr.source === 'diagnosis'
          ? 'Diagnosis'
          : 'Other';
    blocks.push({ kind: 'heading', text: `Problem ${i + 1}: ${pr.statement}` });
    blocks.push({ kind: 'table', rows: [['From', source]] });
    pr.goals.forEach((g, j) => {
      const rows: [string, string][] = [[`Goal ${i + 1}.${j + 1}`, `“${g.text}”`]];
      g.objectives.forEach((o, k) =>
        rows.push([`Objective ${i + 1}.${j + 1}.${k + 1}`, `${o.text} — target date ${o.targetDate ?? 'not set'}`]),
      );
      g.interventions.forEach((iv) =>
        rows.push([
          'Intervention',
          `${iv.name} — ${iv.frequency}; delivered by ${iv.delivererName ? `${iv.delivererName} (${iv.delivererRole})` : iv.delivererRole}`,
        ]),
      );
      blocks.push({ kind: 'table', rows });
    });
  });
  if (!v.signatures.length) blocks.push({ kind: 'notice', heading: 'Signatures', text: 'Not signed yet.' });
  for (const s of v.signatures)
    blocks.push({
      kind: 'signature',
      heading: s.signer === 'person' ? 'Signed by the person' : 'Signed by the clinician',
      typedName: s.name,
      rows: [
        ['Method', methodLabel[s.method]],
        ['Signed at', clinicTime(s.signedAt, p.timeZone)],
        ['Content hash', s.contentHash],
      ],
    });
  return blocks;
}

/** The printable plan version; printing is audited like a read. */
export async function planPdf(ctx: Ctx, patientId: string, planId: string, number: number): Promise<Buffer> {
  assertCan(ctx.actor, 'plan.read');
  const { view, line } = await ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadPatient(tx, ctx, patientId);
    const plan = await loadPlan(tx, ctx, patientId, planId);
    const v = await loadVersion(tx, ctx, plan, number);
    await recordAudit(tx, ctx, {
      action: 'plan.pdf',
      resourceType: 'treatment_plan',
      resourceId: planId,
      patientId,
      breakGlass,
      details: { version: number },
    });
    return {
      view: await versionView(tx, ctx, v),
      line: {
        name: `${row.legalGivenName} ${row.legalFamilyName}`,
        mrn: row.mrn,
        dateOfBirth: row.dateOfBirth,
        timeZone: row.locationTimeZone,
      },
    };
  });
  return renderPdf({
    title: 'Treatment plan',
    subtitle: ctx.actor.settings.name,
    footer: FOOTER,
    blocks: planBlocks(view, line),
    author: ctx.actor.settings.name,
    createdAt: ctx.clock.now(),
  });
}
