import { localDate, type RelapsePlanContent } from '@openiop/core';
import type { Ctx } from '../../platform/context';
import { renderWalletCard, type WalletPanel } from '../../platform/pdf';
import { planForPrint } from './relapse-plans.service';

/** The panels of the wallet card, in the order the person reaches for them. */
export function walletPanels(c: RelapsePlanContent, number: number, finalisedOn: string | null): WalletPanel[] {
  const t = c.triggers;
  const triggers = [
    ...t.people.map((x) => `People: ${x}`),
    ...t.places.map((x) => `Places: ${x}`),
    ...t.feelings.map((x) => `Feelings: ${x}`),
    ...t.times.map((x) => `Times: ${x}`),
  ];
  return [
    {
      heading: 'My relapse-prevention plan',
      lines: [...c.reasons.map((r) => `Why I am in recovery: ${r}`), `Version ${number}${finalisedOn ? ` · ${finalisedOn}` : ' · draft'}`],
    },
    {
      heading: 'People to call',
      lines: c.contacts.map((p) => `${p.name}${p.relationship ? ` (${p.relationship})` : ''}: ${p.phone}`),
      bullets: true,
    },
    { heading: 'My triggers', lines: triggers, bullets: true },
    { heading: 'Early warning signs', lines: c.warningSigns, bullets: true },
    { heading: 'What works for me', lines: c.copingStrategies, bullets: true },
    { heading: 'If I slip', lines: [...c.afterLapse, 'In an emergency call 911. Crisis line: call or text 988.'], bullets: true },
  ];
}

export async function relapsePlanPdf(ctx: Ctx, patientId: string, id: string): Promise<Buffer> {
  const { row, timeZone } = await planForPrint(ctx, patientId, id);
  return renderWalletCard({
    title: 'Relapse-prevention plan',
    panels: walletPanels(row.content, row.number, row.finalisedAt ? localDate(row.finalisedAt, timeZone) : null),
    createdAt: row.finalisedAt ?? row.updatedAt,
  });
}
